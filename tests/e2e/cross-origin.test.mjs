// End to end (issue 15): the widget served from another origin than the host page (a CDN, the
// standards body's asset server), as the README says to deploy it: the page fills, makes a package
// (its worker started from a same-origin blob shim) that `formseal verify` accepts. When the
// asset server does not let the page read the wasm, the widget says precisely what is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from './support.mjs';

const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';
const env = {};
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.otf': 'font/otf' };

/** The widget's files (dist/) with CORS headers — for every file, or for all but the wasm. */
const assets = (corsForWasm) =>
  serve('dist', async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.includes('..')) return false;
    const ext = path.slice(path.lastIndexOf('.'));
    const cors = corsForWasm || ext !== '.wasm';
    try {
      const body = await readFile(join('dist', path));
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
    return true;
  });

/** The host page, on its own origin, loading the widget from `from`. */
const host = (from) =>
  serve('dist', (req, res) => {
    if (!req.url.startsWith('/host.html')) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>主办方网站</title>
<script type="module" src="${from}formseal.js"></script></head>
<body><h1>主办方网站</h1><formseal-form form="tc260-wg" draft-key="cross-origin"></formseal-form></body></html>`);
    return true;
  });

before(async () => {
  env.assets = await assets(true);
  env.noWasmCors = await assets(false);
  env.host = await host(env.assets.url);
  env.hostBroken = await host(env.noWasmCors.url);
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  for (const s of [env.assets, env.noWasmCors, env.host, env.hostBroken]) await s?.close();
});

test('served from another origin, the widget fills, packages (worker from a blob shim) and verifies', async () => {
  assert.notEqual(new URL(env.assets.url).origin, new URL(env.host.url).origin);
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${env.host.url}host.html`);
  const widget = page.locator('formseal-form');
  await widget.getByLabel('统一社会信用代码').waitFor();
  await widget.evaluate((el, d) => el.setData(d), await readFile('fixtures/tc260-complete.json', 'utf8'));
  await widget.getByRole('button', { name: '核对信息' }).click();
  const download = page.waitForEvent('download');
  await widget.getByRole('button', { name: '生成并下载申请包' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'formseal-xo-'));
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);
  const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
  assert.equal(report.status, 'valid', JSON.stringify(report.problems));
  // The worker's script, its wasm and the PDF fonts came from the widget's origin.
  for (const file of ['formseal-worker.js', 'formseal-worker_bg.wasm', 'fonts/formseal-serif-sc-1.otf']) {
    assert.ok(requests.includes(`${env.assets.url}${file}`), `${file} from ${env.assets.url}: ${requests.join(' ')}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an asset server that does not let the page read the wasm: the widget says what to change', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${env.hostBroken.url}host.html`);
  const alert = page.locator('formseal-form').getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, new RegExp(`申请表的文件位于 ${new URL(env.noWasmCors.url).origin.replace(/\./g, '\\.')}，本页面无法读取`));
  assert.match(text, /Access-Control-Allow-Origin/);
  await ctx.close();
});
