// Shared by the AII end-to-end tests (aii.test.mjs: the tiers and the eligibility panel;
// aii-package.test.mjs: the package, the abroad unit and the PDF): opening the form, axe-core,
// the eligibility panel's conditions, and filling the common blocks by their labels.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export const SEAL_DATE = '2026-11-20';

/** Opens the AII form in a fresh context. (support.mjs's `openApp` waits for a visible
 * 统一社会信用代码, which this form only shows once 注册地 is 境内注册, so it cannot open an empty
 * AII form: this waits for 单位名称 instead, as coauthor.test.mjs does.) */
export async function open(env) {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}#/aii-member`);
  await page.getByLabel('单位名称', { exact: true }).waitFor();
  return { ctx, page, errors };
}

export async function axeSerious(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const r = await page.evaluate(() => window.axe.run());
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export const region = (page, name) => page.getByRole('region', { name, exact: true });
export const radio = (page, group, option) => page.getByRole('radiogroup', { name: group, exact: true }).getByLabel(option, { exact: true });
export const elig = (page) => region(page, '申请条件核对');

/** A condition of the eligibility panel, found by its clause and the words of its condition. */
export const criterion = (page, clause, condition) =>
  elig(page).getByRole('listitem').filter({ hasText: clause }).filter({ hasText: condition });

export const ART10_1 = ['第十条（一）', '依法注册的企事业单位'];
export const ART10_2 = ['第十条（二）', '拥护本联盟的章程'];
export const ART10_3 = ['第十条（三）', '在本联盟的业务（行业、学科）领域内具有一定的影响'];
export const ART10_4 = ['第十条（四）', '履行会员义务，积极参加活动'];
export const ART13_PATH = ['第十三条', '理事单位由普通会员单位根据权利义务要求自主申请担任'];
export const ART13_REP = ['第十三条', '需派代表参加联盟理事大会'];
export const ART13_DOWN = ['第十三条', '如连续三次不参加者，视为自动降级'];
export const ART12_NOMINEE = ['第十二条 理事单位（一）', '可推荐一名代表担任联盟理事'];
export const ART14_5 = ['第十四条（五）', '指定专人负责同联盟秘书处联系'];

/** Waits until the condition shows `status` (符合 / 不符合 / 待补充 / 待审核 / 说明) and, if given,
 * a reason matching `reason` (the panel follows a change after that change's frame is painted:
 * the status may already be the expected one while the reason is still the last one). */
export async function expectStatus(page, [clause, condition], status, reason) {
  const item = criterion(page, clause, condition);
  await (reason ? item.filter({ hasText: reason }) : item).getByText(status, { exact: true }).waitFor();
  const text = await item.innerText();
  assert.ok(text.startsWith(status), `${clause} ${condition}: expected ${status}, panel shows:\n${text}`);
  if (reason) assert.match(text, reason, `${clause} ${condition}`);
}

export const pdftotext = (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });

export const absent = async (page, [clause, condition]) =>
  assert.equal(await criterion(page, clause, condition).count(), 0, `${clause} ${condition} is not listed`);

// The obligations of Article 14, by the statements the applicant ticks.
export const DUTIES = [
  '本单位将遵守联盟章程、执行联盟决议',
  '本单位将全力维护联盟的权益和声誉',
  '本单位将完成联盟委托的信息报送等工作',
  '对联盟合作规则细节以及内部讨论的问题',
  '本单位指定专人（见“联系人”）负责同联盟秘书处联系',
];
export const DUTY_VICE_CHAIR = '本单位如担任副理事长单位'; // 第十四条（六）
export const DUTY_DIRECTOR = '本单位如担任理事单位'; // 第十四条（七）
export const PLEDGE = '本单位拥护《工业互联网产业联盟章程》';
export const COMMITMENT = '本单位将履行会员义务，积极参加联盟活动';

/** 单位信息 and 联系人 of a unit registered in China. */
export async function fillUnitAndContact(page, { name, uscc }) {
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
export async function fillInfluence(page) {
  const areas = page.getByRole('group', { name: '本单位业务涉及的联盟工作内容（第八条）', exact: true });
  await areas.getByLabel('（一）工业互联网总体、需求、网络、平台、安全、产业、应用等架构及技术研究').check();
  await areas.getByLabel('（二）工业互联网标准规范前期研究及标准化推进').check();
  await page
    .getByLabel('在联盟业务（行业、学科）领域内的影响')
    .fill('本公司专注于工业互联网平台和边缘计算产品，服务制造企业 200 余家；参与起草团体标准 3 项。');
}

/** The five obligations every member has, the declaration and the date of sealing. */
export async function tickCommonDuties(page) {
  for (const duty of DUTIES) await page.getByLabel(duty).check();
  await page.getByLabel(PLEDGE).check();
  await page.getByLabel(COMMITMENT).check();
  await page.getByLabel('盖章日期').fill(SEAL_DATE);
}

/** The representative to the council assembly (理事单位 and 副理事长单位). */
export async function fillCouncilRep(page) {
  const council = region(page, '理事大会代表及理事人选');
  await council.getByLabel('参加理事大会的代表姓名（理事单位、副理事长单位必填）').fill('欧阳·明');
  await council.getByLabel('代表职务', { exact: true }).fill('副总经理');
  await council.getByLabel('代表手机', { exact: true }).fill('13912345678');
  await council.getByLabel('代表电子邮件', { exact: true }).fill('ouyang@example.com.cn');
}
