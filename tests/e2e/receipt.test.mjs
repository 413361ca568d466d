// End to end: the widget submits to the real receiving service (`formseal serve`, SQLite), on
// another origin (CORS for the host's origin only), and shows the secretariat's signed receipt,
// which it downloads (`formseal verify --receipt` accepts it) and keeps with the draft; the
// service lists the package, and the intake page reads it from there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { execFileSync, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';
const TOKEN = 'e2e-token-of-the-secretariat';

/** `formseal serve` on a free port; resolves to its /packages URL and a stop function. */
async function receiving(dir, origin) {
  const key = join(dir, 'secretariat.pem');
  execFileSync(FORMSEAL, ['keygen', '-o', key]);
  const child = spawn(FORMSEAL, ['serve', '--listen', '127.0.0.1:0', '--db', join(dir, 'packages.sqlite'), '--key', key, '--origin', origin, '--token-env', 'FORMSEAL_E2E_TOKEN'], {
    env: { ...process.env, FORMSEAL_E2E_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((ok) => createInterface({ input: child.stdout }).once('line', ok));
  const url = line.match(/(http:\/\/\S+\/packages)/)[1];
  const fingerprint = line.match(/\b([0-9a-f]{64})\b/)[1];
  return { url, fingerprint, stop: () => child.kill() };
}

test('the widget submits to formseal serve and shows, downloads and keeps the signed receipt', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'formseal-receipt-'));
  const origin = new URL(env.server.url).origin;
  const service = await receiving(dir, origin);
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.route('**/examples/plain.html', async (route) => {
    const body = (await (await route.fetch()).text()).replace('draft-key="plain-tc260"', `draft-key="receipt" endpoint="${service.url}"`);
    await route.fulfill({ body, contentType: 'text/html; charset=utf-8' });
  });
  await page.goto(`${env.server.url}examples/plain.html`);
  const widget = page.locator('formseal-form');
  await widget.getByLabel('统一社会信用代码').waitFor();
  await widget.evaluate((el, d) => el.setData(d), await readFile('fixtures/tc260-complete.json', 'utf8'));
  await widget.getByRole('button', { name: '核对信息' }).click();
  const made = page.waitForEvent('download');
  await widget.getByRole('button', { name: '生成并下载申请包' }).click();
  await made;
  const receipt = page.waitForEvent('download');
  await widget.getByRole('button', { name: '提交到秘书处' }).click();
  await widget.getByText(/秘书处已收到申请包：回执 R-[0-9a-f]{16}，收到时间 .*（UTC），核验结果：有效/).waitFor({ timeout: 20000 });
  const saved = await receipt;
  assert.match(saved.suggestedFilename(), /^回执-申请包-.*\.json$/);
  const file = join(dir, 'receipt.json');
  await saved.saveAs(file);
  const checked = JSON.parse(execFileSync(FORMSEAL, ['verify', '--receipt', '--json', '--key', service.fingerprint, file], { encoding: 'utf8' }));
  assert.equal(checked.status, 'valid');
  assert.equal(checked.receipt.verdict, 'valid');
  // Kept with the draft: said again when the form is opened later.
  // (The review page, where it was left, comes back with the package panel.)
  await page.reload();
  await widget.getByText(`秘书处已收到申请包：回执 ${checked.receipt.id}`, { exact: false }).waitFor();
  // The service has it, with the same verdict.
  const listed = await (await fetch(service.url, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
  assert.equal(listed.length, 1);
  assert.equal(listed[0].verdict, 'valid');
  assert.equal(listed[0].manifest_sha256, checked.receipt.manifest_sha256);
  // The intake page reads the same from the service (the secretariat's token), grouped and
  // filtered as a folder of packages; the package itself stays on the service.
  await page.goto(`${env.server.url}#/intake`);
  await page.getByLabel('接收服务地址（…/packages）').fill(service.url);
  await page.getByLabel('令牌').fill('not-the-token-of-the-service');
  await page.getByRole('button', { name: '读取', exact: true }).click();
  await page.getByText('未能从接收服务读取（HTTP 401').waitFor();
  await page.getByLabel('令牌').fill(TOKEN);
  await page.getByRole('button', { name: '读取', exact: true }).click();
  await page.getByText('显示 1 份，共 1 份').waitFor();
  await page.getByText('有效 1 份，无效 0 份').waitFor();
  const row = page.locator('.fs-intake__row');
  assert.match(await row.textContent(), /有效.*深圳市示例网络安全技术有限公司.*914403001922038216/);
  assert.equal(await row.getByRole('button').isDisabled(), true);
  assert.deepEqual(errors, []);
  await ctx.close();
  service.stop();
});
