// Benchmark: the co-authoring form with many writers — keystroke latency (4× CPU throttling) and
// the time to add / remove a row. Prints figures; asserts nothing (timing is not a test).
// Usage: node bench/rows.mjs [writers=200] [experience=5]   (needs a release build in dist/)
import { serve, launch } from '../tests/e2e/support.mjs';
import { pct, throttle, installProbe, typeAndMeasure, bigCoauthorDraft, timeClick } from './lib.mjs';

const writers = Number(process.argv[2] ?? 200);
const exp = Number(process.argv[3] ?? 5);
const server = await serve('dist');
const browser = await launch();
const ctx = await browser.newContext({ locale: 'zh-CN' });
const page = await ctx.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${server.url}#/group-std-coauthor`);
await page.getByLabel('单位名称').waitFor();

// Load the big draft through the import button, as a user would.
const draft = await bigCoauthorDraft(writers, exp);
const t0 = Date.now();
await page.getByLabel('导入草稿').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(draft) });
await page.getByRole('group', { name: `编写人员 ${writers}` }).waitFor({ timeout: 120000 });
const importMs = Date.now() - t0;
console.log('import ms', importMs);

const results = {};
const writerRow = (n) => page.locator('[data-field="writers"] > fieldset > .fs-rows__list > fieldset.fs-row').nth(n - 1);
const rate = Number(process.env.THROTTLE ?? 4);
await throttle(page, rate);
await installProbe(page);
for (const [label, locate] of [
  // CSS locators: resolving labels over ~40 000 nodes at 4× throttling is Playwright's cost, not ours.
  ['keystroke: unit name (top field)', () => page.locator('[data-field="unit_name"] input')],
  [`keystroke: writer ${Math.ceil(writers / 2)} phone`, () => writerRow(Math.ceil(writers / 2)).locator('[data-field="phone"] input')],
]) {
  const field = locate();
  await field.focus();
  await page.keyboard.press('End');
  await field.blur();
  await field.focus();
  const lat = await typeAndMeasure(page, 40);
  results[label] = { p50: pct(lat, 50), p95: pct(lat, 95), max: Math.max(...lat) };
}

// Adding and removing a row: click → two frames after the DOM settles.
const add = await timeClick(page, page.locator('[data-field="writers"] > fieldset > .fs-rows__add'));
await writerRow(writers + 1).waitFor({ state: 'attached' });
const remove = await timeClick(page, writerRow(writers + 1).locator(':scope > .fs-row__actions > .fs-btn--danger'));
results['add writer row'] = { ms: add };
results['remove writer row'] = { ms: remove };

console.log(`\nco-authoring form, ${writers} writers × ${exp} experience rows, CPU throttled 4×`);
console.log(`import of the draft (unthrottled): ${importMs} ms`);
for (const [k, v] of Object.entries(results)) {
  console.log(`${k.padEnd(36)} ${Object.entries(v).map(([a, b]) => `${a} ${b.toFixed(1)} ms`).join('  ')}`);
}
await browser.close();
await server.close();
