// End to end, a real "Save page as" in Chromium (save-support.mjs: a window under Xvfb, no
// automation attached while it saves, Ctrl+S and the dialog answered by xdotool, the server then
// stopped). The copy is opened from disk with every http(s) request refused: the widget comes up
// clean, once, keeps a draft across a reload (apart from another copy's), and makes a package
// that `formseal verify` accepts. Online, the page never asks for the saved-copy bundle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, offlineContext } from './support.mjs';
import { env, FORMSEAL, saveWithCtrlS, useDisplay } from './save-support.mjs';

useDisplay(before, after);
before(async () => {
  env.browser = await launch();
});
after(() => env.browser?.close());

/** Opens the saved copy with no network at all (every http(s) request refused and counted). */
async function openOffline(file) {
  const { ctx, refused } = await offlineContext(env.browser);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(pathToFileURL(file).href);
  return { ctx, page, refused, errors };
}

test('a host page saved with Ctrl+S runs the widget from disk under its own CSP: draft, reload, package, verified', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'formseal-ctrl-s-'));
  const file = resolve(join(dir, 'apply.html'));
  // The strict-CSP example: its <meta> policy (the README's) is copied into the copy too.
  const { visited, asked } = await saveWithCtrlS('examples/strict-csp.html', file);
  assert.ok(!visited.some((p) => p.includes('formseal-saved')), `visiting the page never fetches the saved-copy bundle: ${visited}`);
  assert.ok(asked.includes('/formseal-saved.js'), 'the browser fetched it to save it with the page');
  const saved = await readFile(file, 'utf8');
  assert.match(saved, /<script type="text\/plain" data-formseal-saved="" src="\.\/apply_files\/formseal-saved\.js">/);
  assert.match(saved, /shadowrootmode/, 'the copy holds the widget as it was drawn (a declarative shadow root)');

  const { ctx, page, refused, errors } = await openOffline(file);
  const widget = page.locator('formseal-form');
  const unit = widget.getByLabel('单位名称（中文）');
  await unit.waitFor({ timeout: 60000 });
  // Clean, once: one form, not the saved drawing beside a new one.
  assert.equal(await widget.getByLabel('统一社会信用代码').count(), 1);
  // The online draft is elsewhere: said once, with the way to bring it over.
  await widget.getByText('联网页面中的草稿不在这里', { exact: false }).waitFor();
  await unit.fill('另存副本测试单位');
  await page.waitForFunction(() =>
    Object.entries(localStorage).some(([k, v]) => k.endsWith(':draft') && k.includes('apply.html') && v.includes('另存副本测试单位')));
  await page.reload();
  await unit.waitFor({ timeout: 60000 });
  assert.equal(await unit.inputValue(), '另存副本测试单位');
  assert.equal(await widget.getByText('联网页面中的草稿不在这里', { exact: false }).count(), 0, 'said once');

  // Another copy of the same page, elsewhere on disk: its own draft.
  const other = join(await mkdtemp(join(tmpdir(), 'formseal-ctrl-s-')), 'apply.html');
  await cp(file, other);
  await cp(file.replace(/\.html$/, '_files'), other.replace(/\.html$/, '_files'), { recursive: true });
  const second = await ctx.newPage();
  await second.goto(pathToFileURL(other).href);
  await second.locator('formseal-form').getByLabel('单位名称（中文）').waitFor({ timeout: 60000 });
  assert.equal(await second.locator('formseal-form').getByLabel('单位名称（中文）').inputValue(), '');
  await second.close();

  // A complete draft imported, then the package (worker, wasm and fonts all from the copy).
  const draft = await readFile('fixtures/tc260-complete.json');
  await widget.getByLabel('导入草稿').setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: draft });
  await widget.getByText('已导入').first().waitFor();
  await widget.getByRole('button', { name: '核对信息' }).click();
  const download = page.waitForEvent('download', { timeout: 120000 });
  await widget.getByRole('button', { name: '生成并下载申请包' }).click();
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);
  const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
  assert.equal(report.status, 'valid', JSON.stringify(report.problems));
  assert.deepEqual(refused, [], 'no network request');
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'nothing the policy refuses');
  await ctx.close();
});

test('the demo page saved with Ctrl+S lists the forms and opens one from disk, once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'formseal-ctrl-s-'));
  const file = resolve(join(dir, 'demo.html'));
  const { visited } = await saveWithCtrlS('#/tc260-wg', file);
  assert.ok(!visited.some((p) => p.includes('formseal-saved')), `${visited}`);
  const { ctx, page, refused, errors } = await openOffline(file);
  // The saved drawing (the form it was saved with) is replaced by one live start page.
  await page.getByRole('heading', { name: '在线申请' }).waitFor({ timeout: 60000 });
  assert.equal(await page.locator('.fs-root').count(), 1);
  assert.equal(await page.getByLabel('统一社会信用代码').count(), 0, 'no lifeless copy of the form beside it');
  // A form, from the copy's own files, styled and checking as it is typed.
  await page.getByRole('listitem').filter({ hasText: '全国网络安全标准化技术委员会工作组成员申请表' }).getByRole('link').click();
  await page.getByLabel('统一社会信用代码').fill('914403001922038217');
  await page.getByLabel('统一社会信用代码').blur();
  await page.getByText('校验位应为 6', { exact: false }).first().waitFor();
  assert.notEqual(await page.locator('.fs-root').evaluate((el) => getComputedStyle(el).fontFamily), await page.evaluate(() => getComputedStyle(document.body).fontFamily));
  assert.equal(await page.locator('.fs-root').count(), 1);
  assert.deepEqual(refused, [], 'no network request');
  assert.deepEqual(errors, []);
  await ctx.close();
});
