// End to end: the AII membership application (工业互联网产业联盟入会申请书) in Chromium, driven as an
// applicant would, fields found by their labels: one applicant per tier (普通会员单位, 理事单位,
// 副理事长单位) watching the eligibility panel follow what they type; a complete application made
// into a signed package that `formseal verify` accepts and `formseal inspect` reads, with its PDF;
// axe-core on the empty form and on the form with its errors shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';
const SEAL_DATE = '2026-11-20';

/** Opens the AII form in a fresh context. (support.mjs's `openApp` waits for a visible
 * 统一社会信用代码, which this form only shows once 注册地 is 境内注册, so it cannot open an empty
 * AII form: this waits for 单位名称 instead, as coauthor.test.mjs does.) */
async function open() {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}#/aii-member`);
  await page.getByLabel('单位名称', { exact: true }).waitFor();
  return { ctx, page, errors };
}

async function axeSerious(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const r = await page.evaluate(() => window.axe.run());
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const region = (page, name) => page.getByRole('region', { name, exact: true });
const radio = (page, group, option) => page.getByRole('radiogroup', { name: group, exact: true }).getByLabel(option, { exact: true });
const elig = (page) => region(page, '申请条件核对');

/** A condition of the eligibility panel, found by its clause and the words of its condition. */
const criterion = (page, clause, condition) =>
  elig(page).getByRole('listitem').filter({ hasText: clause }).filter({ hasText: condition });

const ART10_1 = ['第十条（一）', '依法注册的企事业单位'];
const ART10_2 = ['第十条（二）', '拥护本联盟的章程'];
const ART10_3 = ['第十条（三）', '在本联盟的业务（行业、学科）领域内具有一定的影响'];
const ART10_4 = ['第十条（四）', '履行会员义务，积极参加活动'];
const ART13_PATH = ['第十三条', '理事单位由普通会员单位根据权利义务要求自主申请担任'];
const ART13_REP = ['第十三条', '需派代表参加联盟理事大会'];
const ART13_DOWN = ['第十三条', '如连续三次不参加者，视为自动降级'];
const ART12_NOMINEE = ['第十二条 理事单位（一）', '可推荐一名代表担任联盟理事'];
const ART14_5 = ['第十四条（五）', '指定专人负责同联盟秘书处联系'];

/** Waits until the condition shows `status` (符合 / 不符合 / 待补充 / 待审核 / 说明) and, if given,
 * a reason matching `reason`. */
async function expectStatus(page, [clause, condition], status, reason) {
  const item = criterion(page, clause, condition);
  await item.getByText(status, { exact: true }).waitFor();
  const text = await item.innerText();
  assert.ok(text.startsWith(status), `${clause} ${condition}: expected ${status}, panel shows:\n${text}`);
  if (reason) assert.match(text, reason, `${clause} ${condition}`);
}

const pdftotext = (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

const absent = async (page, [clause, condition]) =>
  assert.equal(await criterion(page, clause, condition).count(), 0, `${clause} ${condition} is not listed`);

// The obligations of Article 14, by the statements the applicant ticks.
const DUTIES = [
  '本单位将遵守联盟章程、执行联盟决议',
  '本单位将全力维护联盟的权益和声誉',
  '本单位将完成联盟委托的信息报送等工作',
  '对联盟合作规则细节以及内部讨论的问题',
  '本单位指定专人（见“联系人”）负责同联盟秘书处联系',
];
const DUTY_VICE_CHAIR = '本单位如担任副理事长单位'; // 第十四条（六）
const DUTY_DIRECTOR = '本单位如担任理事单位'; // 第十四条（七）
const PLEDGE = '本单位拥护《工业互联网产业联盟章程》';
const COMMITMENT = '本单位将履行会员义务，积极参加联盟活动';

/** 单位信息 and 联系人 of a unit registered in China. */
async function fillUnitAndContact(page, { name, uscc }) {
  const unit = region(page, '单位信息');
  await unit.getByLabel('单位名称', { exact: true }).fill(name);
  await unit.getByLabel('英文名称', { exact: true }).fill('Example Industrial Internet Co., Ltd.');
  await radio(page, '单位类别', '企业').check();
  await radio(page, '注册地', '境内注册').check();
  await unit.getByLabel('统一社会信用代码').fill(uscc);
  await unit.getByLabel('法定代表人').fill('王小明');
  await unit.getByLabel('通信地址').fill('广东省深圳市南山区科技园科苑路 15 号');
  await unit.getByLabel('邮编').fill('518000');
  const contact = region(page, '联系人');
  await contact.getByLabel('姓名', { exact: true }).fill('李晓华');
  await contact.getByLabel('部门及职务').fill('战略合作部经理');
  await contact.getByLabel('手机', { exact: true }).fill('13800138000');
  await contact.getByLabel('电话', { exact: true }).fill('0755-26036008');
  await contact.getByLabel('电子邮件', { exact: true }).fill('lixh@example.com.cn');
}

/** 业务领域及影响, by ticking Article 8's items and describing the influence. */
async function fillInfluence(page) {
  const areas = page.getByRole('group', { name: '本单位业务涉及的联盟工作内容（第八条）', exact: true });
  await areas.getByLabel('（一）工业互联网总体、需求、网络、平台、安全、产业、应用等架构及技术研究').check();
  await areas.getByLabel('（二）工业互联网标准规范前期研究及标准化推进').check();
  await page
    .getByLabel('在联盟业务（行业、学科）领域内的影响')
    .fill('本公司专注于工业互联网平台和边缘计算产品，服务制造企业 200 余家；参与起草团体标准 3 项。');
}

/** The five obligations every member has, the declaration and the date of sealing. */
async function tickCommonDuties(page) {
  for (const duty of DUTIES) await page.getByLabel(duty).check();
  await page.getByLabel(PLEDGE).check();
  await page.getByLabel(COMMITMENT).check();
  await page.getByLabel('盖章日期').fill(SEAL_DATE);
}

/** The representative to the council assembly (理事单位 and 副理事长单位). */
async function fillCouncilRep(page) {
  const council = region(page, '理事大会代表及理事人选');
  await council.getByLabel('参加理事大会的代表姓名（理事单位、副理事长单位必填）').fill('欧阳·明');
  await council.getByLabel('代表职务', { exact: true }).fill('副总经理');
  await council.getByLabel('代表手机', { exact: true }).fill('13912345678');
  await council.getByLabel('代表电子邮件', { exact: true }).fill('ouyang@example.com.cn');
}

test('a unit that is not yet a member applies as 普通会员单位; the eligibility panel follows', async () => {
  const { ctx, page, errors } = await open();
  assert.deepEqual(await axeSerious(page), [], 'axe-core on the empty AII form');
  await elig(page).getByText('还有 6 项条件需要补充信息').waitFor();
  await expectStatus(page, ART10_1, '待补充', /尚未选择单位类别/);
  await expectStatus(page, ART10_3, '待补充', /尚未选择本单位业务涉及的联盟工作内容/);
  await expectStatus(page, ART13_PATH, '待补充', /尚未选择申请的会员类别/);
  // Conditions of council and vice-chair units are not listed before a tier is chosen.
  await absent(page, ART13_REP);
  await absent(page, ART12_NOMINEE);
  // Registration details appear with the place of registration; the tier duties with their tier.
  assert.equal(await page.getByLabel('统一社会信用代码').isVisible(), false);
  assert.equal(await page.getByLabel(DUTY_VICE_CHAIR).isVisible(), false);
  assert.equal(await page.getByLabel(DUTY_DIRECTOR).isVisible(), false);

  await fillUnitAndContact(page, { name: '深圳市示例工业互联网科技有限公司', uscc: '914403001922038216' });
  await expectStatus(page, ART10_1, '符合', /统一社会信用代码有效[\s\S]*代码前两位 91[\s\S]*第十条（一）所列/);
  assert.equal(await region(page, '联系人').getByLabel('电话（含国家或地区代码）').isVisible(), false);
  // Contact given, but the designated contact is not yet confirmed under 会员义务.
  await expectStatus(page, ART14_5, '待补充', /尚未确认指定专人负责同联盟秘书处联系/);

  await radio(page, '申请的会员类别', '普通会员单位').check();
  await expectStatus(page, ART13_PATH, '待补充', /尚未说明目前是否已是联盟会员/);
  await radio(page, '目前是否已是联盟会员', '尚未入会').check();
  await expectStatus(page, ART13_PATH, '符合', /尚未入会的单位申请普通会员单位/);
  await absent(page, ART13_REP);
  assert.equal(await page.getByLabel('本单位的典型代表性', { exact: false }).isVisible(), false);
  assert.equal(await page.getByLabel(DUTY_VICE_CHAIR).isVisible(), false);
  assert.equal(await page.getByLabel(DUTY_DIRECTOR).isVisible(), false);

  // 第十条（三）: items of Article 8 chosen, still needs the influence described; then reviewed.
  await page
    .getByRole('group', { name: '本单位业务涉及的联盟工作内容（第八条）', exact: true })
    .getByLabel('（五）工业互联网国际国内交流与合作')
    .check();
  await expectStatus(page, ART10_3, '待补充', /尚未说明本单位在联盟业务领域内的影响/);
  await page.getByLabel('在联盟业务（行业、学科）领域内的影响').pressSequentially('参与工业互联网国际交流合作项目 5 项。');
  await expectStatus(page, ART10_3, '待审核', /已说明本单位在联盟业务领域内的影响/);

  await expectStatus(page, ART10_2, '待补充', /尚未勾选同意/);
  await expectStatus(page, ART10_4, '待补充');
  await tickCommonDuties(page);
  await expectStatus(page, ART10_2, '符合', /已勾选同意/);
  await expectStatus(page, ART10_4, '符合', /逐项确认了第十四条所列的会员义务/);
  await expectStatus(page, ART14_5, '符合', /已指定 李晓华 负责同联盟秘书处联系/);
  await elig(page).getByText('按已填写的信息没有不符合的条件；其中 1 项由联盟秘书处和常务理事会审核确认').waitFor();

  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '核对信息', level: 2 }).waitFor();
  const review = page.locator('.fs-review');
  for (const text of ['深圳市示例工业互联网科技有限公司', '914403001922038216', '普通会员单位', '尚未入会', '已勾选同意', '2026年11月20日']) {
    assert.ok(await review.getByText(text, { exact: false }).first().isVisible(), `review shows ${text}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an existing 普通会员单位 applies as 理事单位: representative, nominee and 第十四条（七）', async () => {
  const { ctx, page, errors } = await open();
  await fillUnitAndContact(page, { name: '北京示例智能制造有限公司', uscc: '914403001922038216' });
  await fillInfluence(page);
  await tickCommonDuties(page);
  await radio(page, '申请的会员类别', '理事单位').check();
  await expectStatus(page, ART13_PATH, '待补充', /尚未说明目前是否已是联盟会员/);
  await radio(page, '目前是否已是联盟会员', '已是普通会员单位').check();
  await expectStatus(page, ART13_PATH, '符合', /普通会员单位申请担任理事单位，与第十三条一致/);
  // A unit that is not yet a member may ask too: then it is for the secretariat and the council.
  await radio(page, '目前是否已是联盟会员', '尚未入会').check();
  await expectStatus(page, ART13_PATH, '待审核', /本单位尚未入会/);
  await radio(page, '目前是否已是联盟会员', '已是普通会员单位').check();
  await expectStatus(page, ART13_PATH, '符合');

  // 第十四条（七） is asked of council units only; 第十条（四） waits for it.
  const director = page.getByLabel(DUTY_DIRECTOR);
  await director.waitFor();
  assert.equal(await page.getByLabel(DUTY_VICE_CHAIR).isVisible(), false);
  await expectStatus(page, ART10_4, '待补充', /尚未逐项确认第十四条所列的会员义务/);
  await director.check();
  await expectStatus(page, ART10_4, '符合');

  // The representative to the council assembly.
  await expectStatus(page, ART13_REP, '待补充', /代表的姓名、职务或电子邮件尚未填写完整/);
  await expectStatus(page, ART13_DOWN, '说明', /连续三次不参加/);
  await fillCouncilRep(page);
  await expectStatus(page, ART13_REP, '符合', /已指派 欧阳·明 参加联盟理事大会/);

  // Nominating a council member is a right: none is fine, a half-filled one is not.
  await expectStatus(page, ART12_NOMINEE, '说明', /未推荐担任联盟理事的代表/);
  const council = region(page, '理事大会代表及理事人选');
  await council.getByLabel('推荐担任联盟理事的代表姓名（可推荐一名，可不推荐）').fill('张堃');
  await expectStatus(page, ART12_NOMINEE, '待补充', /推荐担任联盟理事的代表的姓名、职务或电子邮件尚未填写完整/);
  await council.getByLabel('推荐代表职务', { exact: true }).fill('首席技术官');
  await council.getByLabel('推荐代表电子邮件', { exact: true }).fill('zhangkun@example.com.cn');
  await expectStatus(page, ART12_NOMINEE, '待审核', /已推荐 张堃 一名代表担任联盟理事/);

  await elig(page).getByText('按已填写的信息没有不符合的条件；其中 2 项由联盟秘书处和常务理事会审核确认').waitFor();
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
  const review = page.locator('.fs-review');
  for (const text of ['北京示例智能制造有限公司', '理事单位', '已是普通会员单位', '欧阳·明', '张堃']) {
    assert.ok(await review.getByText(text, { exact: false }).first().isVisible(), `review shows ${text}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an existing 理事单位 applies as 副理事长单位: typical character, 第十四条（六） instead of （七）', async () => {
  const { ctx, page, errors } = await open();
  await fillUnitAndContact(page, { name: '上海示例工业互联网研究院有限公司', uscc: '914403001922038216' });
  await fillInfluence(page);
  await tickCommonDuties(page);
  await fillCouncilRep(page);
  // First as a council unit, with its obligation ticked…
  await radio(page, '申请的会员类别', '理事单位').check();
  await radio(page, '目前是否已是联盟会员', '已是普通会员单位').check();
  await page.getByLabel(DUTY_DIRECTOR).check();
  await expectStatus(page, ART10_4, '符合');

  // …then the applicant changes to 副理事长单位: （七） goes, （六） comes and is still to be ticked.
  await radio(page, '申请的会员类别', '副理事长单位').check();
  await page.getByLabel(DUTY_DIRECTOR).waitFor({ state: 'hidden' });
  const viceChair = page.getByLabel(DUTY_VICE_CHAIR);
  await viceChair.waitFor();
  await expectStatus(page, ART10_4, '待补充', /尚未逐项确认第十四条所列的会员义务/);

  // An ordinary member unit has to explain why it is typical (第十三条).
  const typical = page.getByLabel('本单位的典型代表性（普通会员单位申请副理事长单位时填写）');
  await typical.waitFor();
  await expectStatus(page, ART13_PATH, '待补充', /第十三条要求具有典型代表性，尚未说明/);
  await typical.fill('本公司牵头建设省级工业互联网标识解析二级节点。');
  await expectStatus(page, ART13_PATH, '待审核', /已说明本单位的典型代表性/);
  await typical.fill('');
  // A council unit applies as Article 13 provides.
  await radio(page, '目前是否已是联盟会员', '已是理事单位').check();
  await expectStatus(page, ART13_PATH, '符合', /理事单位申请担任副理事长单位，与第十三条一致/);

  await viceChair.check();
  await expectStatus(page, ART10_4, '符合', /逐项确认了第十四条所列的会员义务/);
  await expectStatus(page, ART13_REP, '符合', /已指派 欧阳·明 参加联盟理事大会/);
  await expectStatus(page, ART12_NOMINEE, '说明');
  await elig(page).getByText('按已填写的信息没有不符合的条件；其中 1 项由联盟秘书处和常务理事会审核确认').waitFor();

  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
  const review = page.locator('.fs-review');
  for (const text of ['上海示例工业互联网研究院有限公司', '副理事长单位', '已是理事单位']) {
    assert.ok(await review.getByText(text, { exact: false }).first().isVisible(), `review shows ${text}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('errors are listed with links, and axe-core finds nothing serious with them shown', async () => {
  const { ctx, page, errors } = await open();
  await page.getByRole('button', { name: '核对信息' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
  await summary.waitFor();
  await summary.getByRole('link', { name: '单位名称：此项为必填项，请填写' }).waitFor();
  await summary.getByRole('link', { name: '申请的会员类别：请选择一项' }).waitFor();
  await summary.getByRole('link', { name: '本单位业务涉及的联盟工作内容（第八条）：请至少选择 1 项' }).waitFor();
  await summary.getByRole('link', { name: '指定专人联系：请阅读并勾选同意' }).waitFor();
  // A wrong credit code gets its specific message.
  await radio(page, '注册地', '境内注册').check();
  const uscc = page.getByLabel('统一社会信用代码');
  await uscc.fill('914403001922038217');
  await uscc.blur();
  await page.getByText('校验位应为 6').first().waitFor();
  assert.equal(await uscc.getAttribute('aria-invalid'), 'true');
  await expectStatus(page, ART10_1, '待补充');
  assert.deepEqual(await axeSerious(page), [], 'axe-core on the AII form with errors shown');
  // A summary link moves focus to its field.
  await summary.getByRole('link', { name: /^单位名称：/ }).click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-unit_name'));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a complete AII application becomes a signed package: verify, inspect and its PDF', async () => {
  const { ctx, page, errors } = await open();
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
  const { ctx, page, errors } = await open();
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
