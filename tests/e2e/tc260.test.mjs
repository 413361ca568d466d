// End to end: the TC260 membership form in Chromium, driven as an applicant would, fields found by label.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, openApp } from './support.mjs';

const env = useBrowser(before, after);

const region = (page, name) => page.getByRole('region', { name, exact: true });

/** Fills every field of the form with valid answers. */
async function fillAll(page) {
  const unit = region(page, '单位信息');
  await unit.getByLabel('单位名称（中文）').fill('深圳市示例网络安全技术有限公司');
  await unit.getByLabel('单位名称（英文）').fill('Shenzhen Example Cybersecurity Co., Ltd.');
  await unit.getByLabel('统一社会信用代码').fill('914403001922038216');
  await unit.getByLabel('办公地址').fill('广东省深圳市南山区科苑路 15 号');
  await unit.getByLabel('邮编').fill('518000');
  await unit.getByLabel('法人代表姓名').fill('王小明');
  await page.getByRole('radiogroup', { name: '单位性质' }).getByLabel('企业').check();
  await page.getByRole('radiogroup', { name: '是否外企' }).getByLabel('否').check();
  const contact = region(page, '联系人');
  await contact.getByLabel('姓名').fill('李晓华');
  await contact.getByRole('radiogroup', { name: '性别' }).getByLabel('女').check();
  await contact.getByLabel('职务').fill('标准化部经理');
  await contact.getByLabel('电话').fill('0755-26036008');
  await contact.getByLabel('传真').fill('0755-26036009');
  await contact.getByLabel('手机').fill('13800138000');
  await contact.getByLabel('电子邮件').fill('lixh@example.com.cn');
  await contact.getByLabel('通信地址').fill('广东省深圳市南山区科苑路 15 号');
  await contact.getByLabel('邮编').fill('518000');
  await region(page, '单位简介').getByLabel('单位简介').fill('本公司专注于网络安全产品研发。');
  await region(page, '主要业务领域').getByLabel('产品或研究成果').fill('数据安全网关；参与起草 GB/T 42021-2022。');
  const groups = page.getByRole('group', { name: '申请加入的工作组' });
  await groups.getByLabel('WG3').check();
  await groups.getByLabel('WG8').check();
  const rep = page.getByRole('group', { name: '代表 1' });
  await rep.getByLabel('姓名').fill('欧阳·明');
  await rep.getByLabel('职务/职称').fill('首席安全架构师');
  await rep.getByLabel('技术背景').fill('从事密码应用研究 15 年');
  await rep.getByLabel('手机').fill('13912345678');
  await rep.getByLabel('电子邮件').fill('ouyang@example.com.cn');
  await page.getByLabel('企业法人营业执照副本').setInputFiles({
    name: '营业执照.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 licence scan'),
  });
  await page.getByText('营业执照.pdf').waitFor();
  await page.getByLabel('密码主管部门的批文文号').fill('国密局〔2019〕123号');
  await page.getByLabel('联系人变更时，本单位将及时书面通知').check();
  await page.getByLabel('本单位将维护网安标委的合法权益').check();
  await page.getByLabel('本单位将积极参加工作组的会议或活动').check();
  await page.getByLabel('本单位将自觉宣传、贯彻和实施').check();
  await page.getByLabel('本单位同意按规定缴纳会费').check();
  await page.getByLabel('本单位愿意遵守').check();
  await page.getByLabel('盖章日期').fill('2026-11-20');
}

async function axe(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const result = await page.evaluate(() => window.axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function assertAxeClean(violations, where) {
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `axe-core found serious/critical violations on ${where}`,
  );
}

test('a new applicant fills the whole form and reaches the review page', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  assertAxeClean(await axe(page), 'the empty form');
  await fillAll(page);
  // The derived organisation code is shown under the USCC.
  await page.getByText('组织机构代码（由统一社会信用代码得出）：19220382-1').waitFor();
  // Eligibility: nothing unmet; legal personality and the field of work are for the reviewers.
  const elig = page.getByRole('region', { name: '申请条件核对' });
  await elig.getByText('按已填写的信息没有不符合的条件；其中 2 项由秘书处和工作组审核确认').waitFor();
  assert.equal(await elig.locator('.fs-crit--pass').count(), 7);
  assert.equal(await elig.locator('.fs-crit--review').count(), 2);
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '核对信息', level: 2 }).waitFor();
  const review = page.locator('.fs-review');
  for (const text of ['深圳市示例网络安全技术有限公司', '914403001922038216', 'WG3、WG8', '代表第 1 行 · 姓名', '欧阳·明', '2026年11月20日', '营业执照.pdf', '已勾选同意']) {
    assert.ok(await review.getByText(text, { exact: false }).first().isVisible(), `review shows ${text}`);
  }
  assertAxeClean(await axe(page), 'the review page');
  // A change link goes back to the form and focuses that field.
  await page.getByRole('link', { name: '修改“法人代表姓名”' }).click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-legal_rep'));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('bad values get specific messages, a summary with links, and go away when fixed', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  const uscc = page.getByLabel('统一社会信用代码');
  // A zero-width space carried in by copy and paste is named where it is (not as a 19-digit code).
  await uscc.fill('9144\u200b03001922038216');
  await uscc.blur();
  await page.getByText('第 5 个字符是看不见的“\\u{200b}”（常随复制粘贴带入），请删除').waitFor();
  await uscc.fill('914403001922038217');
  await uscc.blur();
  await page.getByText('校验位应为 6').waitFor();
  assert.equal(await uscc.getAttribute('aria-invalid'), 'true');
  const mobile = region(page, '联系人').getByLabel('手机');
  await mobile.fill('12345678901');
  await mobile.blur();
  await page.getByText('号段 123 不存在').waitFor();
  await page.getByRole('button', { name: '核对信息' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
  await summary.waitFor();
  await summary.getByRole('link', { name: '统一社会信用代码：校验位应为 6' }).waitFor();
  await summary.getByRole('link', { name: /^申请加入的工作组：请至少选择 1 项/ }).waitFor();
  assertAxeClean(await axe(page), 'the form with errors');
  // A summary link moves focus to its field.
  await summary.getByRole('link', { name: /^手机：/ }).click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-contact_mobile'));
  // Fix them: the messages go.
  await mobile.fill('13800138000');
  await uscc.fill('914403001922038216');
  await page.getByRole('group', { name: '申请加入的工作组' }).getByLabel('WG5').check();
  await page.getByText('校验位应为 6').waitFor({ state: 'detached' });
  await summary.getByRole('link', { name: /^手机：/ }).waitFor({ state: 'detached' });
  await summary.getByRole('link', { name: /^申请加入的工作组/ }).waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a value typed just before continuing is checked before the review (the report follows a keystroke after its paint)', async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  await page.getByLabel('导入草稿').setInputFiles({
    name: 'd.json',
    mimeType: 'application/json',
    buffer: await readFile('fixtures/tc260-complete.json'),
  });
  await page.getByText('已导入草稿').waitFor();
  // A wrong check character typed and "continue" pressed in the same task, before any frame:
  // the summary lists it and the review page does not open.
  await page.getByLabel('统一社会信用代码').evaluate((el) => {
    el.value = '914403001922038217';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.closest('form').requestSubmit();
  });
  const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
  await summary.getByRole('link', { name: '统一社会信用代码：校验位应为 6' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: '核对信息', exact: true }).count(), 0);
  // The message by the field comes with the next frames, as it does while typing.
  await page.getByText('校验位应为 6').first().waitFor();
  assert.equal(await page.getByLabel('统一社会信用代码').getAttribute('aria-invalid'), 'true');
  // Fixed and continued at once, in one task again: the review page opens.
  await page.getByLabel('统一社会信用代码').evaluate((el) => {
    el.value = '914403001922038216';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.closest('form').requestSubmit();
  });
  await page.getByRole('heading', { name: '核对信息', exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** A USCC with positions 1–2 = 92 (个体工商户) and a correct check character (GB 32100). */
function individualBusinessUscc() {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = '92440300MA5F00000';
  const sum = [...body].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

test('eligibility lists the charter conditions with their clauses', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  const elig = page.getByRole('region', { name: '申请条件核对' });
  const art91 = elig.locator('[data-criterion="art9.1"]');
  assert.match(await art91.innerText(), /待补充[\s\S]*第九条第1项/);
  await page.getByLabel('统一社会信用代码').fill(individualBusinessUscc());
  await art91.getByText('不符合').waitFor();
  assert.match(await art91.innerText(), /个体工商户/);
  await page.getByLabel('统一社会信用代码').fill('914403001922038216');
  // A valid code shows the registration category; legal personality is the secretariat's to confirm.
  await art91.getByText('待审核', { exact: true }).waitFor();
  assert.match(await art91.innerText(), /工商：企业[\s\S]*秘书处审核确认/);
  assert.equal(await art91.getByText('符合', { exact: true }).count(), 0);
  assert.match(await elig.locator('[data-criterion="art11.2"]').innerText(), /第十一条第2项/);
  await ctx.close();
});

test('the draft is saved, survives a reload and a closed tab', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await fillAll(page);
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.reload();
  await page.getByLabel('统一社会信用代码').waitFor();
  assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), '914403001922038216');
  assert.equal(await region(page, '联系人').getByLabel('手机').inputValue(), '13800138000');
  assert.ok(await page.getByRole('group', { name: '申请加入的工作组' }).getByLabel('WG8').isChecked());
  assert.equal(await page.getByRole('group', { name: '代表 1' }).getByLabel('姓名').inputValue(), '欧阳·明');
  await page.getByText('营业执照.pdf').waitFor();
  // Go to the review step, close the tab, open a new one: the step is restored too.
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '核对信息', level: 2 }).waitFor();
  await page.getByText(/^已保存/).waitFor();
  await page.close();
  const again = await ctx.newPage();
  await again.goto(`${env.server.url}#/tc260-wg`);
  await again.getByRole('heading', { name: '核对信息', level: 2 }).waitFor();
  await again.getByText('深圳市示例网络安全技术有限公司').first().waitFor();
  await ctx.close();
});

test('export, clear and import a draft; bad files are refused and change nothing', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await fillAll(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出草稿' }).click()]);
  assert.match(download.suggestedFilename(), /^草稿-深圳市示例网络安全技术有限公司-\d{4}-\d\d-\d\d\.json$/);
  const exported = await readFile(await download.path(), 'utf8');
  const json = JSON.parse(exported);
  assert.equal(json.format, 'formseal-draft');
  assert.equal(json.answers.uscc, '914403001922038216');
  const licence = json.answers.licence[0];
  assert.equal(licence.name, '营业执照.pdf');
  assert.equal(Buffer.from(json.files[licence.id].data, 'base64').toString(), '%PDF-1.4 licence scan');

  await page.getByRole('button', { name: '清空草稿' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确定清空' }).click();
  await page.getByText('草稿已清空').waitFor();
  assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), '');

  const importFile = (name, text) =>
    page.getByLabel('导入草稿').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await importFile('draft.json', exported);
  await page.getByText('已导入草稿 draft.json').waitFor();
  assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), '914403001922038216');
  await page.getByText('营业执照.pdf').waitFor();

  for (const [name, text, message] of [
    ['broken.json', exported.slice(0, 200), '该文件不是有效的 JSON'],
    ['foreign.json', '{"hello": "world"}', '该文件不是 formseal 草稿文件'],
    ['newer.json', JSON.stringify({ ...json, version: 99 }), '该草稿由较新版本的 formseal 生成（文件格式版本 99'],
    ['other.json', JSON.stringify({ ...json, form: { id: 'group-std-coauthor', version: 'x' } }), '该草稿属于另一张申请表'],
  ]) {
    await importFile(name, text);
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    assert.equal(await page.getByLabel('统一社会信用代码').inputValue(), '914403001922038216', `${name} left the draft alone`);
  }
  await ctx.close();
});

test('switching to English and back', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  const uscc = page.getByLabel('Unified social credit code');
  await uscc.fill('914403001922038217');
  await uscc.blur();
  await page.getByText('The check character should be 6', { exact: false }).waitFor();
  await page.getByRole('region', { name: 'Eligibility check' }).getByText('Article 9(1)').waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByText('校验位应为 6').waitFor();
  await ctx.close();
});

test('the start page lists both applications and their drafts', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await page.getByLabel('单位名称（中文）').fill('北京示例科技有限公司');
  await page.getByText(/^已保存/).waitFor();
  await page.getByRole('link', { name: '返回申请表列表' }).click();
  await page.getByText('已有草稿：北京示例科技有限公司').waitFor();
  await page.getByRole('link', { name: /开始填写：中国和平利用军工技术协会/ }).click();
  await page.getByRole('region', { name: '拟参与编写人员' }).waitFor();
  await ctx.close();
});
