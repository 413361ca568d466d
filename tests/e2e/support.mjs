// Shared helpers for the end-to-end tests: a static server for dist/ and Debian's Chromium.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `dir` on a free loopback port; resolves to { url, close }. `handle(req, res)` may answer
 * a request first (returning true), e.g. a submission endpoint. */
export async function serve(dir = 'dist', handle = () => false) {
  const root = normalize(dir);
  const server = createServer(async (req, res) => {
    if (await handle(req, res)) return;
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless with the flags this machine needs. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Opens a form of the app (`#/<form id>`, default the TC260 form) in a fresh context and waits
 * until it is interactive. */
export async function openApp(browser, url, { context, form = 'tc260-wg' } = {}) {
  const ctx = context ?? (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true }));
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${url}#/${form}`);
  await page.getByLabel('统一社会信用代码').waitFor();
  return { ctx, page, errors };
}

/** Fills every field of the example host form (`examples/host-form.html`, an observer's
 * registration) with a complete, valid application, in `scope` (a page or a part of it). */
export async function fillObserverForm(scope) {
  await scope.getByLabel('单位名称').fill('深圳市示例网络安全技术有限公司');
  await scope.getByLabel('统一社会信用代码').fill('914403001922038216');
  await scope.getByLabel('联系人').fill('李晓华');
  await scope.getByLabel('手机').fill('13712345678');
  await scope.getByLabel('电子邮件').fill('li@example.cn');
  await scope.getByLabel('其他', { exact: true }).check();
  // A field shown only for “其他”.
  await scope.getByLabel('其他方向').fill('工业控制系统安全');
  await scope.getByLabel('参加理由').fill('跟踪数据安全标准的制定进展。');
  await scope.getByLabel('本单位承诺遵守工作组的保密规定。').check();
  await scope.getByLabel('盖章日期').fill(new Date().toISOString().slice(0, 10));
}

/** Registers `before`/`after` hooks that start the static server and one browser for a test file. */
export function useBrowser(before, after) {
  const env = {};
  before(async () => {
    env.server = await serve('dist');
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A context with no network: every http(s) request is refused (the browser is offline too) and recorded. */
export async function offlineContext(browser) {
  const ctx = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const refused = [];
  await ctx.route(/^https?:/, (route) => {
    refused.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await ctx.setOffline(true);
  return { ctx, refused };
}
