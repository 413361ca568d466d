// End to end: the AII membership application (工业互联网产业联盟入会申请书) in Chromium, driven as an
// applicant would, fields found by their labels: one applicant per tier (普通会员单位, 理事单位,
// 副理事长单位) watching the eligibility panel follow what they type; axe-core on the empty form and
// on the form with its errors shown. The package and the PDF: aii-package.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support.mjs';
import {
  ART10_1, ART10_2, ART10_3, ART10_4, ART12_NOMINEE, ART13_DOWN, ART13_PATH, ART13_REP, ART14_5,
  DUTY_DIRECTOR, DUTY_VICE_CHAIR, absent, axeSerious, elig, expectStatus, fillCouncilRep, fillInfluence,
  fillUnitAndContact, open, radio, region, tickCommonDuties,
} from './aii-support.mjs';

const env = useBrowser(before, after);

test('a unit that is not yet a member applies as 普通会员单位; the eligibility panel follows', async () => {
  const { ctx, page, errors } = await open(env);
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
  // The council block is for council tiers only: an ordinary member unit does not see it.
  assert.equal(await page.getByRole('region', { name: '理事大会代表及理事人选' }).count(), 0);
  assert.equal(await page.getByLabel('代表职务', { exact: true }).isVisible(), false);
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
  const { ctx, page, errors } = await open(env);
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
  const { ctx, page, errors } = await open(env);
  await fillUnitAndContact(page, { name: '上海示例工业互联网研究院有限公司', uscc: '914403001922038216' });
  await fillInfluence(page);
  await tickCommonDuties(page);
  // First as a council unit, with its obligation ticked and its representative named…
  await radio(page, '申请的会员类别', '理事单位').check();
  await fillCouncilRep(page);
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
  const { ctx, page, errors } = await open(env);
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
