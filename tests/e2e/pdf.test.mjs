// End to end: the PDF preview before packaging, the PDF inside the package (digest on every page,
// fonts fetched only when needed), and a character the fonts lack named before anything is made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, openApp } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

/** Imports `draft` (text) and goes to the review page. */
async function review(page, draft) {
  await page.getByLabel('导入草稿').setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(draft) });
  await page.getByText('已导入').first().waitFor();
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
}

function pdftotext(file) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

test('the preview shows the filled paper form, fetching only the GB2312 font for ordinary text', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  const fonts = [];
  page.on('request', (r) => r.url().includes('/fonts/') && fonts.push(r.url().split('/').pop()));
  // Only GB2312 characters: the fixture's 堃 becomes 坤.
  const draft = (await readFile('fixtures/tc260-complete.json', 'utf8')).replaceAll('堃', '坤');
  await review(page, draft);
  assert.deepEqual(fonts, [], 'no font is fetched before a PDF is made');
  // The preview opens in a new tab (a blob: URL of the PDF).
  const popup = ctx.waitForEvent('page');
  await page.getByRole('button', { name: '预览 PDF' }).click();
  const tab = await popup;
  await page.getByText('已在新标签页中打开 PDF 预览', { exact: false }).waitFor();
  assert.deepEqual(fonts, ['formseal-serif-sc-1.otf']);
  const href = tab.url();
  assert.match(href, /^blob:/);
  const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), href);
  const dir = await mkdtemp(join(tmpdir(), 'formseal-pdf-'));
  const file = join(dir, 'preview.pdf');
  await writeFile(file, Buffer.from(bytes));
  const text = pdftotext(file);
  for (const answer of ['全国网络安全标准化技术委员会工作组成员申请表', '深圳市示例网络安全技术有限公司', '914403001922038216', '张坤', '预览件']) {
    assert.ok(text.includes(answer), `${answer} in the preview`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the package carries the PDF, stamped with its application digest and key fingerprint', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  const fonts = [];
  page.on('request', (r) => r.url().includes('/fonts/') && fonts.push(r.url().split('/').pop()));
  await review(page, await readFile('fixtures/tc260-complete.json', 'utf8'));
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'formseal-pdf-'));
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);
  // 堃 is outside GB2312: the second part is fetched too, after the first.
  assert.deepEqual(fonts, ['formseal-serif-sc-1.otf', 'formseal-serif-sc-2.otf']);
  const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
  assert.equal(report.status, 'valid');
  execFileSync('unzip', ['-q', zip, 'application.pdf', '-d', dir]);
  const text = pdftotext(join(dir, 'application.pdf'));
  assert.ok(text.includes(report.application_sha256), 'the application digest is printed');
  assert.ok(text.includes(report.key_fingerprint), 'the key fingerprint is printed');
  assert.ok(text.includes('张堃'));
  // Seed 003 注3: the cryptography approval's reference number is printed; working groups by code
  // only (the seed names none), and the representatives as an addendum after the paper form.
  assert.ok(text.includes('国密局〔2019〕123号'), 'the crypto 文号 is printed');
  for (const name of ['密码技术', '鉴别与授权', '通信安全', '新技术安全标准特别工作组']) {
    assert.ok(!text.includes(name), `no working-group name (${name}) unless the host configures one`);
  }
  const squeezed = text.replace(/\s+/g, '');
  assert.ok(squeezed.includes('以下各栏不是官方申请表的栏目'), 'additions are captioned');
  assert.ok(squeezed.indexOf('申请单位意见') < squeezed.indexOf('附：工作组代表'), 'the representatives follow the paper form');
  // The CLI renders the same PDF from the package.
  const again = join(dir, 'again.pdf');
  execFileSync(FORMSEAL, ['render', zip, '-o', again]);
  assert.deepEqual(await readFile(again), await readFile(join(dir, 'application.pdf')));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a character the fonts lack is named with its field, and no package is made', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  const draft = JSON.parse(await readFile('fixtures/tc260-complete.json', 'utf8'));
  draft.answers.address = '广东省深圳市南山区𠀀路 1 号';
  await review(page, JSON.stringify(draft));
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  await page.getByText('“𠀀”（U+20000，在“办公地址”中）', { exact: false }).waitFor();
  await page.getByRole('button', { name: '预览 PDF' }).click();
  await page.getByText('无法印到 PDF 上', { exact: false }).waitFor();
  assert.equal(downloads, 0);
  // Nothing typed is lost: the address is still there.
  await page.getByRole('button', { name: '返回修改' }).click();
  assert.equal(await page.getByLabel('办公地址').inputValue(), '广东省深圳市南山区𠀀路 1 号');
  assert.deepEqual(errors, []);
  await ctx.close();
});
