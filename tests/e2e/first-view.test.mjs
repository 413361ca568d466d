// End to end: the first view asks for each of its files once, and none it does not need
// (issue 16). formseal.js starts the wasm with its glue and, for the page's widgets, the forms
// list and the form the address names — or a fixed form's definition — while the wasm loads; the
// widget takes those replies instead of asking again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './support.mjs';

let server, browser;
const asked = [];
before(async () => {
  server = await serve('dist', (req) => {
    asked.push(new URL(req.url, 'http://x').pathname);
    return false;
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path`, waits for the field, and returns the files asked for meanwhile. */
async function open(path, field = '统一社会信用代码') {
  asked.length = 0;
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}${path}`);
  await page.getByLabel(field).first().waitFor();
  // The other sections, drawn after the first frame, are there too.
  await page.getByRole('button', { name: '核对信息' }).waitFor();
  const files = [...asked];
  await ctx.close();
  return files;
}
const count = (files, name) => files.filter((f) => f.endsWith(name)).length;

test('a form opened by its address: the list, the form and the wasm, each asked for once', async () => {
  const files = await open('#/tc260-wg');
  for (const name of ['/forms/index.json', '/forms/tc260-wg.json', '/formseal-app_bg.wasm', '/formseal-app.js']) {
    assert.equal(count(files, name), 1, `${name} asked for once: ${files.join(' ')}`);
  }
  assert.equal(files.filter((f) => f.startsWith('/forms/')).length, 2, `no other form: ${files.join(' ')}`);
  // Not after the wasm: asked for by formseal.js before it.
  const at = (name) => files.findIndex((f) => f.endsWith(name));
  assert.ok(at('/forms/tc260-wg.json') < at('/formseal-app_bg.wasm'), `the form before the wasm: ${files.join(' ')}`);
  assert.ok(at('/forms/index.json') < at('/formseal-app_bg.wasm'), `the list before the wasm: ${files.join(' ')}`);
});

test('a fixed form on a host page: its definition only, not the list', async () => {
  const files = await open('examples/plain.html');
  assert.equal(count(files, '/forms/tc260-wg.json'), 1, files.join(' '));
  assert.equal(count(files, '/forms/index.json'), 0, files.join(' '));
  assert.ok(files.indexOf('/forms/tc260-wg.json') < files.indexOf('/formseal-app_bg.wasm'), files.join(' '));
});

test('the verify page asks for no form that does not exist', async () => {
  asked.length = 0;
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}#/verify`);
  await page.getByLabel('选择申请包文件').waitFor();
  assert.deepEqual(asked.filter((f) => f.startsWith('/forms/') && f !== '/forms/index.json'), []);
  await ctx.close();
});
