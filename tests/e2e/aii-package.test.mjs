// End to end: a complete AII membership application becomes a signed package that `formseal
// verify` accepts and `formseal inspect` reads; a unit registered abroad and its PDF preview;
// every answer printed in the PDF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './support.mjs';
import { ART10_1, ART12_NOMINEE, ART13_PATH, axeSerious, expectStatus, open, pdftotext, radio, region } from './aii-support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

test('a complete AII application becomes a signed package: verify, inspect and its PDF', async () => {
  const { ctx, page, errors } = await open(env);
  await page.getByLabel('导入草稿').setInputFiles({
    name: 'aii-complete.json',
    mimeType: 'application/json',
    buffer: await readFile('fixtures/aii-complete.json'),
  });
  await page.getByText('已导入草稿 aii-complete.json').waitFor();
  await expectStatus(page, ART13_PATH, '符合', /普通会员单位申请担任理事单位/);
  await expectStatus(page, ART12_NOMINEE, '待审核', /已推荐 张堃/);
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
  assert.deepEqual(await axeSerious(page), [], 'axe-core on the AII review page');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^申请包-深圳市示例工业互联网科技有限公司-\d{4}-\d\d-\d\d\.zip$/);
  const dir = await mkdtemp(join(tmpdir(), 'formseal-aii-'));
  const zip = join(dir, 'package.zip');
  await file.saveAs(zip);

  // formseal verify: exit 0, valid.
  let verify;
  try {
    verify = { code: 0, report: JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' })) };
  } catch (e) {
    verify = { code: e.status, report: JSON.parse(e.stdout) };
  }
  assert.equal(verify.code, 0, JSON.stringify(verify.report.problems));
  assert.equal(verify.report.status, 'valid');

  // formseal inspect: the answers as submitted.
  const inspected = JSON.parse(execFileSync(FORMSEAL, ['inspect', zip], { encoding: 'utf8' }));
  assert.equal(inspected.valid, true);
  assert.equal(inspected.form.id, 'aii-member');
  assert.equal(inspected.unit, '深圳市示例工业互联网科技有限公司');
  assert.equal(inspected.answers.unit_name, '深圳市示例工业互联网科技有限公司');
  assert.equal(inspected.answers.uscc, '914403001922038216');
  assert.equal(inspected.answers.tier, 'director');
  assert.equal(inspected.answers.current_tier, 'member');
  assert.deepEqual(inspected.answers.work_areas, ['architecture', 'standards', 'testing']);
  assert.equal(inspected.answers.council_rep_name, '欧阳·明');
  assert.equal(inspected.answers.duty_director, true);

  // The paper form inside the package.
  execFileSync('unzip', ['-q', zip, 'application.pdf', '-d', dir]);
  const text = pdftotext(join(dir, 'application.pdf'));
  const squeezed = text.replace(/\s+/g, '');
  for (const words of ['入会申请书', '工业互联网产业联盟', '深圳市示例工业互联网科技有限公司', '914403001922038216', '欧阳·明']) {
    assert.ok(squeezed.includes(words), `${words} in application.pdf`);
  }
  assert.ok(text.includes(verify.report.application_sha256), 'the application digest is printed');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a unit registered abroad: its own registration fields, and the PDF preview', async () => {
  const { ctx, page, errors } = await open(env);
  await page.getByLabel('导入草稿').setInputFiles({
    name: 'aii-member.json',
    mimeType: 'application/json',
    buffer: await readFile('fixtures/aii-member.json'),
  });
  await page.getByText('已导入草稿 aii-member.json').waitFor();
  assert.ok(await radio(page, '注册地', '境外注册').isChecked());
  assert.equal(await page.getByLabel('注册号码').inputValue(), 'HRB 123456');
  assert.equal(await page.getByLabel('注册国家或地区').inputValue(), '德国');
  assert.equal(await page.getByLabel('统一社会信用代码').isVisible(), false);
  assert.equal(await region(page, '联系人').getByLabel('电话（含国家或地区代码）').inputValue(), '+49 30 1234567');
  await expectStatus(page, ART10_1, '待审核', /境外注册的单位[\s\S]*由联盟秘书处初审时核实/);
  await expectStatus(page, ART13_PATH, '符合', /尚未入会的单位申请普通会员单位/);
  // Without a country the registration cannot be confirmed.
  await page.getByLabel('注册国家或地区').fill('');
  await expectStatus(page, ART10_1, '待补充', /境外注册的单位尚未填写注册号码或注册国家或地区/);
  await page.getByLabel('注册国家或地区').fill('德国');
  await expectStatus(page, ART10_1, '待审核');

  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
  const popup = ctx.waitForEvent('page');
  await page.getByRole('button', { name: '预览 PDF' }).click();
  const tab = await popup;
  await page.getByText('已在新标签页中打开 PDF 预览', { exact: false }).waitFor();
  const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())), tab.url());
  const file = join(await mkdtemp(join(tmpdir(), 'formseal-aii-')), 'preview.pdf');
  await writeFile(file, Buffer.from(bytes));
  const squeezed = pdftotext(file).replace(/\s+/g, '');
  for (const words of ['入会申请书', '工业互联网产业联盟', '预览', 'ExampleAutomationGmbH', 'HRB123456', 'JonasWeber', '+49301234567']) {
    assert.ok(squeezed.includes(words), `${words} in the preview`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

// Two fields shown for the same option of a choice (境内注册 → 统一社会信用代码 and 邮编; 境外注册 →
// 注册号码 and 注册国家或地区) are both printed inside the option, each with its label.
test('the PDF prints every answer: 邮编 (境内注册) and 注册国家或地区 (境外注册)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'formseal-aii-'));
  const missing = [];
  for (const [fixture, answer] of [['aii-complete', '518000'], ['aii-member', '德国']]) {
    const pdf = join(dir, `${fixture}.pdf`);
    execFileSync(FORMSEAL, ['render', `fixtures/${fixture}.json`, '-o', pdf, '--created-at', '2026-11-20T09:30:00+08:00']);
    // Squeezed: a narrow cell may break a word across lines.
    if (!pdftotext(pdf).replace(/\s+/g, '').includes(answer)) missing.push(`${answer} (${fixture})`);
  }
  assert.deepEqual(missing, [], 'answers missing from the PDF');
});
