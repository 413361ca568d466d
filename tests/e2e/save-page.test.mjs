// End to end, a real "Save page as": Chromium in a window under Xvfb (not headless, no automation
// attached while it saves), the host page opened from the test server, Ctrl+S and the save
// dialog answered by keyboard (xdotool), the server then stopped. The copy is opened from disk with
// every http(s) request refused: the widget comes up clean, once, keeps a draft across a reload
// (apart from another copy's), and makes a package that `formseal verify` accepts. Online, the
// page never asks for the saved-copy bundle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve } from './support.mjs';

const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const env = {};

/** Waits until `check()` is true (polling), or fails with `what`. */
async function until(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out: ${what}`);
}

before(async () => {
  // A display of our own.
  for (env.display = 90; existsSync(`/tmp/.X11-unix/X${env.display}`); env.display++);
  env.xvfb = spawn('Xvfb', [`:${env.display}`, '-screen', '0', '1280x960x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await until(() => existsSync(`/tmp/.X11-unix/X${env.display}`), 'Xvfb');
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  env.xvfb?.kill();
});

const x = (...args) =>
  execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: `:${env.display}` }, encoding: 'utf8' }).trim();
const windows = (...query) => {
  try {
    return x('search', '--onlyvisible', ...query).split('\n').filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
};

/**
 * Opens `page` of a server of dist/ in a real Chromium window, presses Ctrl+S and saves it as
 * `file` ("Webpage, Complete"); resolves to the paths the server was asked for while the page
 * was visited (before the save, which fetches what it saves) and in all.
 */
async function saveWithCtrlS(page, file) {
  const asked = [];
  let visited = [];
  const server = await serve('dist', (req) => {
    asked.push(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    return false;
  });
  const profile = await mkdtemp(join(tmpdir(), 'formseal-profile-'));
  await mkdir(join(profile, 'Default'));
  // "Webpage, Complete" (Chromium's default, said here so a changed default cannot change the test).
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ savefile: { type: 1 } }));
  const chromium = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
    `--user-data-dir=${profile}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    '--lang=zh-CN', '--disable-features=Translate', '--test-type', '--window-size=1200,900', `${server.url}${page}`,
  ], { env: { ...process.env, DISPLAY: `:${env.display}` }, stdio: 'ignore' });
  try {
    // The widget has its wasm and its form, and has drawn it.
    await until(() => asked.includes('/formseal-app_bg.wasm') && asked.some((p) => p.startsWith('/forms/')), 'the widget loads');
    await sleep(3000);
    const [window] = windows('--class', 'chromium');
    assert.ok(window, 'a Chromium window');
    x('windowfocus', '--sync', window);
    // A click on the page's heading (as a person would before pressing the shortcut).
    x('mousemove', '600', '250');
    x('click', '1');
    await sleep(300);
    visited = [...asked];
    x('key', '--clearmodifiers', 'ctrl+s');
    let dialog;
    await until(() => ([dialog] = windows('--name', 'Save File|另存为|保存文件')).length > 0, 'the save dialog');
    x('windowfocus', '--sync', dialog);
    await sleep(500);
    // The file name field has focus with the suggested name selected: a full path replaces it;
    // Alt+S is the dialog's Save (its type list shows "Webpage, Complete").
    x('key', '--clearmodifiers', 'ctrl+a');
    x('type', '--delay', '15', file);
    await sleep(500);
    x('key', 'alt+s');
    const bundle = join(file.replace(/\.html$/, '_files'), 'formseal-saved.js');
    await until(() => existsSync(file) && existsSync(bundle), 'the saved page and its files', 60000);
    // Written whole (its size stops changing).
    let size = -1;
    await until(() => {
      const now = statSync(bundle).size;
      const done = now === size && now > 1_000_000;
      size = now;
      return done;
    }, 'the bundle written whole', 60000);
  } finally {
    chromium.kill();
    await server.close();
  }
  return { visited, asked };
}

/** Opens the saved copy with no network at all (every http(s) request refused and counted). */
async function openOffline(file) {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const refused = [];
  await ctx.route(/^https?:/, (route) => {
    refused.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await ctx.setOffline(true);
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
