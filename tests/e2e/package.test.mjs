// End to end: review → signed package → download → `formseal verify`; keys (backup, wrong and
// right passphrase on import); the verify page; the worker is fetched only when first needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, openApp } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

/** Imports the complete TC260 fixture as a draft and goes to the review page. */
async function completeApplication(page) {
  const draft = await readFile('fixtures/tc260-complete.json', 'utf8');
  await page.getByLabel('导入草稿').setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(draft) });
  await page.getByText('已导入').first().waitFor();
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
}

/** `formseal verify --json` on a file. */
function verifyWithCli(file) {
  try {
    return { code: 0, report: JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', file], { encoding: 'utf8' })) };
  } catch (e) {
    return { code: e.status, report: JSON.parse(e.stdout) };
  }
}

test('a valid application becomes a signed package that formseal verify accepts', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  const workerRequests = [];
  page.on('request', (r) => r.url().includes('formseal-worker') && workerRequests.push(r.url()));
  await completeApplication(page);
  assert.deepEqual(workerRequests, [], 'the package worker is not fetched before it is needed');
  await page.getByText('尚未创建签名密钥').waitFor();

  // The host page hears about the package.
  await page.evaluate(() => {
    document.querySelector('[data-formseal]').addEventListener('formseal:package-ready', (e) => {
      window.__ready = { ...e.detail, size: e.detail.bytes.length, bytes: undefined };
    });
  });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `申请包-深圳市示例网络安全技术有限公司-${new Date().toISOString().slice(0, 10)}.zip`);
  const dir = await mkdtemp(join(tmpdir(), 'formseal-e2e-'));
  const zip = join(dir, 'package.zip');
  await file.saveAs(zip);
  assert.ok(workerRequests.length > 0, 'the worker was fetched on first use');

  const { code, report } = verifyWithCli(zip);
  assert.equal(code, 0, JSON.stringify(report.problems));
  assert.equal(report.status, 'valid');
  assert.equal(report.algorithm, 'Ed25519');
  const event = await page.evaluate(() => window.__ready);
  assert.equal(event.manifestDigest, report.manifest_sha256);
  assert.equal(event.keyFingerprint, report.key_fingerprint);
  assert.equal(event.size, (await readFile(zip)).length);
  assert.equal(event.fileName, file.suggestedFilename());
  // The page shows the fingerprint the package carries (in groups of four).
  const grouped = report.key_fingerprint.match(/.{4}/g).join(' ');
  await page.locator('.fs-package__key').getByText(grouped).waitFor();
  await page.getByText(report.manifest_sha256.match(/.{4}/g).join(' '), { exact: false }).waitFor();

  // Same key next time, even when the page lost the key's description (localStorage): the
  // stored key is never replaced by a new one; a second package names the same key.
  await page.evaluate(() => localStorage.removeItem('formseal:signing-key'));
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const second = join(dir, 'second.zip');
  await (await again).saveAs(second);
  assert.equal(verifyWithCli(second).report.key_fingerprint, report.key_fingerprint);

  // openssl agrees (the README's commands).
  execFileSync('bash', ['scripts/verify-with-openssl.sh', zip]);

  // The verify page: valid, then a truncated copy.
  await page.getByRole('button', { name: '核验申请包' }).click();
  await page.getByLabel('选择申请包文件').setInputFiles(zip);
  await page.getByText('package.zip：申请包有效').waitFor();
  await page.getByText(report.key_fingerprint).waitFor();
  const bytes = await readFile(zip);
  await page.getByLabel('选择申请包文件').setInputFiles({ name: 'cut.zip', mimeType: 'application/zip', buffer: bytes.subarray(0, bytes.length - 40) });
  await page.getByText('cut.zip：申请包无效').waitFor();
  await page.getByText('不是完整的 zip 申请包').waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('keys: other algorithms, backup with a passphrase, import refuses a wrong one', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  await completeApplication(page);
  await page.getByLabel('签名算法').selectOption('SM2-SM3');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'formseal-e2e-'));
  const zip = join(dir, 'sm2.zip');
  await (await download).saveAs(zip);
  const { code, report } = verifyWithCli(zip);
  assert.equal(code, 0, JSON.stringify(report.problems));
  assert.equal(report.algorithm, 'SM2-SM3');

  await page.getByRole('button', { name: '备份密钥' }).click();
  await page.getByLabel('备份口令（至少 8 个字符）').fill('short');
  await page.getByLabel('再次输入口令').fill('short');
  await page.getByRole('button', { name: '下载加密的备份文件' }).click();
  await page.getByText('口令至少需要 8 个字符').waitFor();
  await page.getByLabel('备份口令（至少 8 个字符）').fill('正确的口令 2026');
  await page.getByLabel('再次输入口令').fill('正确的口令 2027');
  await page.getByRole('button', { name: '下载加密的备份文件' }).click();
  await page.getByText('两次输入的口令不一致').waitFor();
  await page.getByLabel('再次输入口令').fill('正确的口令 2026');
  const backup = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载加密的备份文件' }).click();
  const pemPath = join(dir, 'key.pem');
  await (await backup).saveAs(pemPath);
  const pem = await readFile(pemPath, 'utf8');
  assert.match(pem, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
  // openssl opens the backup with the passphrase and finds the same public key.
  const spki = execFileSync('openssl', ['pkey', '-in', pemPath, '-passin', 'pass:正确的口令 2026', '-pubout', '-outform', 'DER']);
  assert.equal(createHash('sha256').update(spki).digest('hex'), report.key_fingerprint);

  await page.getByRole('button', { name: '导入密钥' }).click();
  await page.getByText('导入后将替换当前密钥').waitFor();
  await page.getByLabel('密钥文件').setInputFiles(pemPath);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('该密钥文件已加密，请输入备份时设置的口令').waitFor();
  await page.getByLabel('口令（文件已加密时填写）').fill('错误的口令');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('口令不正确，或密钥文件已损坏').waitFor();
  await page.getByLabel('口令（文件已加密时填写）').fill('正确的口令 2026');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await page.getByText('已导入密钥').waitFor();
  await writeFile(join(dir, 'note.txt'), 'ok');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the package button explains what is still missing', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  const draft = JSON.parse(await readFile('fixtures/tc260-complete.json', 'utf8'));
  draft.step = 'review';
  draft.answers.uscc = '914403001922038217';
  await page.evaluate((d) => localStorage.setItem('formseal:tc260-wg:draft', JSON.stringify(d)), draft);
  await page.reload();
  await page.getByText('还有 1 处错误需要改正，改正后才能生成申请包。').waitFor();
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  // The button says it is unavailable (aria-disabled) and does nothing when clicked.
  await page.getByRole('button', { name: '生成并下载申请包' }).click({ force: true });
  await page.getByRole('button', { name: '查看并改正错误' }).click();
  await page.getByRole('link', { name: /统一社会信用代码/ }).first().waitFor();
  assert.equal(downloads.length, 0);
  await ctx.close();
});

test('a panic in the package worker is answered with a clear message, in the applicant’s language', async () => {
  // Issue 14: release builds abort on a panic; the worker's panic boundary answers the request in
  // hand before it dies (the `crash` operation is its self-test), so nothing waits forever and
  // the applicant reads what happened instead of a loading error.
  const { ctx, page } = await openApp(env.browser, env.server.url);
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    const replies = [];
    const w = new Worker('formseal-worker_loader.js');
    w.onmessage = (e) => {
      // The protocol of `formseal_core::protocol`: a `Message` as JSON.
      const message = JSON.stringify({ lang: 'zh-CN', request: { op: 'crash', args: {} } });
      if (e.data === 'ready') w.postMessage({ id: 7, message });
      else replies.push(e.data);
    };
    w.onerror = (e) => { e.preventDefault(); resolve({ replies, died: true }); };
    setTimeout(() => resolve({ replies, died: false }), 20000);
  }));
  assert.equal(outcome.replies.length, 1, JSON.stringify(outcome));
  const [reply] = outcome.replies;
  assert.equal(reply.id, 7);
  assert.equal(reply.ok, false);
  const failure = JSON.parse(reply.answer);
  assert.equal(failure.code, 'worker.crashed');
  assert.match(failure.message, /^申请包组件出现内部错误，本次操作未完成（.*self-test of the panic boundary.*）。您填写的内容已保存/);
  assert.ok(outcome.died, 'the worker then stops, and the page starts a new one for the next operation');
  await ctx.close();
});
