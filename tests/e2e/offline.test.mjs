// End to end: the self-contained offline file opened from disk with the network cut off — fill,
// validate, keep a draft, package (PDF included), verify. (A copy of a page saved with "Save page
// as": save-page.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, copyFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useBrowser, openApp, offlineContext } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

test('the offline file works from disk with no network, through to a package formseal verify accepts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'formseal-offline-'));
  const file = join(dir, 'formseal-offline.html');
  await copyFile('dist/formseal-offline.html', file);
  const { ctx, refused } = await offlineContext(env.browser);
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${pathToFileURL(file)}#/tc260-wg`);
  await page.getByLabel('统一社会信用代码').waitFor();
  // Validates as it is typed.
  await page.getByLabel('统一社会信用代码').fill('914403001922038217');
  await page.getByLabel('统一社会信用代码').blur();
  await page.getByText('校验位应为 6', { exact: false }).first().waitFor();
  // A draft survives a reload of the file.
  await page.getByLabel('单位名称（中文）').fill('离线测试单位有限公司');
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.endsWith(':draft') && localStorage.getItem(k).includes('离线测试单位')));
  await page.reload();
  await page.getByLabel('单位名称（中文）').waitFor();
  assert.equal(await page.getByLabel('单位名称（中文）').inputValue(), '离线测试单位有限公司');
  // The offline file does not offer itself for download.
  assert.equal(await page.getByRole('link', { name: '下载离线版' }).count(), 0);
  // English, from the file itself.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Unified social credit code').waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  // Import a complete draft, package it (the worker and the fonts come from the file too).
  const draft = await readFile('fixtures/tc260-complete.json');
  await page.getByLabel('导入草稿').setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: draft });
  await page.getByText('已导入').first().waitFor();
  await page.getByRole('button', { name: '核对信息' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);
  const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
  assert.equal(report.status, 'valid', JSON.stringify(report.problems));
  execFileSync('unzip', ['-q', zip, 'application.pdf', '-d', dir]);
  assert.ok(execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'application.pdf'), '-'], { encoding: 'utf8' }).includes('张堃'));
  // The verify page, offline too.
  await page.getByRole('button', { name: '核验申请包' }).click();
  await page.getByLabel('选择申请包文件').setInputFiles(zip);
  await page.getByText('package.zip：申请包有效').waitFor();
  assert.deepEqual(refused, [], 'no network request');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the served page offers the offline file', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  const link = page.getByRole('link', { name: '下载离线版' });
  assert.equal(await link.getAttribute('download'), 'formseal-offline.html');
  const download = page.waitForEvent('download');
  await link.click();
  const saved = join(await mkdtemp(join(tmpdir(), 'formseal-offline-')), 'x.html');
  await (await download).saveAs(saved);
  assert.deepEqual(await readFile(saved), await readFile('dist/formseal-offline.html'));
  await ctx.close();
});
