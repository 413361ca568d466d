// Benchmark of the intake page (#/intake) on N generated packages (default 1,000), not part of the
// test command: time from choosing the files to the whole table (every package verified and
// grouped), the longest main-thread task meanwhile (PerformanceObserver "longtask"), and the time
// a scroll to the end of the table takes to draw. Timing figures are printed, never asserted.
// Usage: scripts/bench-intake.sh --browser [N]   (builds the generator and the release dist/ first)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from '../tests/e2e/support.mjs';

const n = Number(process.argv[2] || 1000);
const generator = process.env.FORMSEAL_BENCH_INTAKE || 'target/release/examples/bench_intake';
const dir = mkdtempSync(join(tmpdir(), 'formseal-intake-bench-'));
execFileSync(generator, ['--generate', dir, String(n)], { stdio: 'ignore' });
const files = readdirSync(dir).sort().map((f) => join(dir, f));

const server = await serve('dist');
const browser = await launch();
const page = await browser.newPage({ locale: 'zh-CN' });
await page.addInitScript(() => {
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
});
await page.goto(`${server.url}#/intake`);
await page.getByLabel('选择申请包（可多选）').waitFor();
const t0 = await page.evaluate(() => performance.now());
await page.getByLabel('选择申请包（可多选）').setInputFiles(files);
await page.getByText(`显示 ${n} 份，共 ${n} 份`).waitFor({ timeout: 30 * 60_000 });
await page.getByText(`已核验 ${n} / ${n}`).waitFor({ timeout: 30 * 60_000 });
const table = (await page.evaluate(() => performance.now())) - t0;
const tasks = await page.evaluate((t0) => window.__tasks.filter((t) => t.start >= t0), t0);
const longest = Math.max(0, ...tasks.map((t) => t.duration));
const drawn = await page.locator('.fs-intake__row').count();
const scroll = await page.evaluate(
  () =>
    new Promise((done) => {
      const box = document.querySelector('.fs-intake__scroll');
      const t = performance.now();
      box.scrollTop = box.scrollHeight;
      requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
    }),
);
await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });

const row = (k, v) => console.log(`| ${k} | ${v} |`);
console.log(`\nintake page, ${n} packages, ${cpus().length} cores, Chromium headless, ${new Date().toISOString().slice(0, 10)}`);
console.log('| measure | figure |\n|---|---|');
row('files chosen → whole table (verified, grouped)', `${(table / 1000).toFixed(1)} s (${((n * 1000) / table).toFixed(0)} packages / s)`);
row('longest main-thread task meanwhile', `${longest.toFixed(0)} ms (${tasks.length} tasks over 50 ms)`);
row('rows in the document (virtualised)', `${drawn} of ${n}`);
row('scroll to the end → drawn', `${scroll.toFixed(0)} ms`);
