// End to end: the intake page (#/intake, issue 17) with 50 generated packages (TC260 and
// co-authoring, resubmissions, tampered ones) plus a duplicate, a truncated package and a stray
// file. The page must agree with `formseal intake` on the same files: summary, verdicts, groups
// and the exported CSV; filters, sorting, the virtualised table, opening one package's report;
// axe-core clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';
const GENERATE = process.env.FORMSEAL_BENCH_INTAKE || 'target/debug/examples/bench_intake';

/** A folder of packages and the CLI's report on them (JSON and CSV). */
function inbox() {
  const dir = mkdtempSync(join(tmpdir(), 'formseal-intake-'));
  const box = join(dir, 'inbox');
  execFileSync(GENERATE, ['--generate', box, '50']);
  copyFileSync(join(box, '00003.zip'), join(box, '00003-again.zip'));
  const whole = readFileSync(join(box, '00004.zip'));
  writeFileSync(join(box, '00004-cut.zip'), whole.subarray(0, whole.length >> 1));
  writeFileSync(join(box, 'notes.txt'), 'not a package');
  const files = readdirSync(box).sort();
  for (const out of ['report.json', 'report.csv']) {
    const run = spawnSync(join(process.cwd(), FORMSEAL), ['intake', '--bom', '-o', join(dir, out), ...files], { cwd: box });
    assert.equal(run.status, 1, `formseal intake: some packages are invalid\n${run.stderr}`);
  }
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  return { box, files: files.map((f) => join(box, f)), report, csv: readFileSync(join(dir, 'report.csv'), 'utf8') };
}

/** RFC 4180 records. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1).push(cell), (cell = '');
    else if (c === '\n') rows.at(-1).push(cell), (cell = ''), rows.push([]);
    else if (c !== '\r') cell += c;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell);
  return rows.filter((r) => r.length > 1);
}

/** The file names the table shows now (all of them fit in its view in these tests). */
async function shownFiles(page) {
  return (await page.locator('.fs-intake__open').allTextContents()).sort();
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('the intake page agrees with formseal intake: summary, verdicts, groups, filters, sorting, CSV, reports', async () => {
  const { files, report, csv } = inbox();
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  // Reached from the verify page, as a secretariat would.
  await page.goto(`${env.server.url}#/verify`);
  await page.getByRole('link', { name: '批量核验多个申请包' }).click();
  await page.getByRole('heading', { name: '批量核验申请包' }).waitFor();

  await page.getByLabel('选择申请包（可多选）').setInputFiles(files);
  await page.getByText(`已核验 ${files.length} / ${files.length}`).waitFor({ timeout: 120_000 });
  const count = (verdict) => report.filter((r) => r.verdict === verdict).length;
  const superseded = report.filter((r) => r.status === '已被取代');
  assert.ok(count('invalid') >= 3 && superseded.length >= 4 && count('unreadable') === 1 && count('not_package') === 1);
  await page
    .getByText(
      `有效 ${count('valid')} 份，无效 ${count('invalid')} 份，无法读取 ${count('unreadable')} 份，非申请包文件 ${count('not_package')} 个；被更新版本取代 ${superseded.length} 份`,
    )
    .waitFor();
  await page.getByText(`显示 ${files.length} 份，共 ${files.length} 份`).waitFor();
  // Virtualised: fewer rows in the document than in the table.
  const drawn = await page.locator('.fs-intake__row').count();
  assert.ok(drawn > 10 && drawn < files.length, `${drawn} rows drawn of ${files.length}`);
  assert.equal(await page.locator('table').getAttribute('aria-rowcount'), String(files.length + 1));

  // Filters: the same rows as the CLI's report.
  const names = (rows) => rows.map((r) => r.file).sort();
  await page.getByLabel('核验结果', { exact: true }).selectOption({ label: '无效' });
  assert.deepEqual(await shownFiles(page), names(report.filter((r) => r.verdict === 'invalid')));
  await page.getByLabel('核验结果', { exact: true }).selectOption({ label: '全部' });
  await page.getByLabel('分组状态').selectOption({ label: '已被取代' });
  assert.deepEqual(await shownFiles(page), names(superseded));
  await page.getByLabel('分组状态').selectOption({ label: '重复' });
  // The same package twice: the one reported second (files in name order, as the CLI's).
  assert.deepEqual(await shownFiles(page), names(report.filter((r) => r.status === '重复')));
  assert.deepEqual(await shownFiles(page), ['00003.zip']);
  await page.getByLabel('分组状态').selectOption({ label: '全部' });
  await page.getByLabel(/^筛选/).fill('示例第8号');
  assert.deepEqual(await shownFiles(page), ['00008.zip', '00009.zip']);
  await page.getByText('显示 2 份，共 53 份').waitFor();

  // Sorting by signing time: the resubmission (signed an hour later) comes second, then first.
  const signedAt = page.getByRole('columnheader', { name: '签名时间' });
  await signedAt.getByRole('button').click();
  assert.equal(await signedAt.getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(await page.locator('.fs-intake__open').allTextContents(), ['00008.zip', '00009.zip']);
  await signedAt.getByRole('button').click();
  assert.equal(await signedAt.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await page.locator('.fs-intake__open').allTextContents(), ['00009.zip', '00008.zip']);
  await signedAt.getByRole('button').click();
  assert.equal(await signedAt.getAttribute('aria-sort'), 'none');

  // axe-core on the page with its table and filters.
  await page.getByLabel(/^筛选/).fill('');
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const axe = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), WCAG);
  assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);

  // The CSV export is the CLI's report of the same files, cell for cell — except that the CLI
  // also prints each PDF again and compares it, which adds a finding to tampered packages.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const exported = readFileSync(await (await download).path(), 'utf8');
  assert.ok(exported.startsWith('\ufeff'), 'the CSV starts with a byte-order mark');
  const [got, want] = [parseCsv(exported), parseCsv(csv)];
  assert.deepEqual(got[0], want[0], 'same columns');
  assert.equal(got.length, want.length);
  const failures = want[0].indexOf('问题');
  const strip = (row) => row.filter((_, i) => i !== failures);
  for (let i = 1; i < want.length; i++) {
    assert.deepEqual(strip(got[i]), strip(want[i]), `row ${i} (${want[i][0]})`);
    if (want[i][1] === '有效') assert.equal(got[i][failures], want[i][failures]);
  }

  // A row opens that package's report; back to the list, where the table is as it was.
  await page.getByRole('button', { name: '查看核验报告：00007.zip' }).click();
  await page.getByRole('heading', { name: '查看核验报告：00007.zip' }).waitFor();
  await page.getByText('00007.zip：申请包无效').waitFor();
  await page.getByRole('button', { name: '返回列表' }).click();
  await page.getByText(`显示 ${files.length} 份，共 ${files.length} 份`).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test("under a strict CSP (style-src 'self') the package pages keep their styles and break no rule", async () => {
  const { files } = inbox();
  // The strict-CSP example page with the start page's widget (no fixed form), so that #/verify and
  // #/intake open in it.
  const html = readFileSync('examples/strict-csp.html', 'utf8').replace(/<formseal-form form="[a-z0-9-]+"/, '<formseal-form');
  assert.ok(html.includes("style-src 'self'") && !html.includes('form="'));
  const server = await serve('dist', (req, res) => {
    if (new URL(req.url, 'http://x').pathname !== '/examples/csp-start.html') return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
    return true;
  });
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(`${server.url}examples/csp-start.html#/verify`);
    const widget = page.locator('formseal-form');
    await widget.getByRole('heading', { name: '核验申请包' }).waitFor();
    // The package pages' own sheet (not in the form's first download) reaches the shadow root.
    assert.equal(await widget.locator('.fs-verify__drop').evaluate((e) => getComputedStyle(e).borderTopStyle), 'dashed');
    await widget.getByRole('link', { name: '批量核验多个申请包' }).click();
    await widget.getByRole('heading', { name: '批量核验申请包' }).waitFor();
    await widget.getByLabel('选择申请包（可多选）').setInputFiles(files);
    await widget.getByText(`已核验 ${files.length} / ${files.length}`).waitFor({ timeout: 120_000 });
    // The virtualised table places its rows by their fixed height (40 px, from the sheet): each
    // drawn row has it, and the spacer after them stands for the rows not drawn.
    const heights = await widget.locator('.fs-intake__row').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.ok(heights.length > 10 && heights.length < files.length, `${heights.length} rows drawn of ${files.length}`);
    assert.ok(heights.every((h) => Math.abs(h - 40) < 1), `row heights ${heights}`);
    const below = await widget.locator('tr.fs-intake__spacer').last().evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(Math.abs(below - (files.length - heights.length) * 40) < 1, `spacer ${below} px for ${files.length - heights.length} rows`);
    assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
    await server.close();
  }
});
