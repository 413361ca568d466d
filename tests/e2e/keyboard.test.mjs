// End to end, keyboard only (issue 18): an applicant who uses no mouse completes each form — TC260,
// co-authoring (3 writers × 2 experience rows) and AII — with Tab, Shift+Tab, the arrow keys,
// Space, Enter and typing: rows added, removed, restored and moved, a file attached through the
// file chooser opened from the keyboard, errors fixed from the error summary, the review page and
// the signed package, which `formseal verify` accepts. After every key that moves focus or acts,
// focus must be on a control (never lost to <body>, also not a moment later when the page has
// changed) and visibly so (an outline or a box-shadow: the `:focus-visible` ring).
//
// After page.goto, the page is driven only through page.keyboard; the DOM is read to decide how
// many keys to press and to check the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, focusProbe, Keyboard, open, openAt, fixFromSummary, continueToReview, makePackage } from './keyboard-support.mjs';

/**
 * Opens the file chooser of the focused file control with `key`. Headless Chromium on a loaded
 * machine sometimes drops a file-chooser request that comes soon after another (in the full suite,
 * never alone; twice in a row once in CI): the key is pressed again then, up to four times in all.
 */
async function openChooser(page, kb, key) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const opened = page.waitForEvent('filechooser', { timeout: 5000 });
    await kb.press(key, attempt ? 'open the file chooser again' : 'open the file chooser');
    const chooser = await opened.catch(() => null);
    if (chooser) return chooser;
  }
  assert.fail(`${key} on the file control opens the file chooser`);
}

test('TC260 by keyboard: a file through the file chooser, an error fixed from the summary, a change from the review page, the package', async () => {
  const { ctx, page, errors, kb } = await open('tc260-wg', '统一社会信用代码');
  const unit = '单位信息';
  const contact = '联系人';
  await kb.fill({ name: '单位名称（中文）', within: unit }, '深圳市示例网络安全技术有限公司');
  await kb.fill({ name: '单位名称（英文）', within: unit }, 'Shenzhen Example Cybersecurity Co., Ltd.');
  await kb.fill({ name: '统一社会信用代码', within: unit }, '914403001922038216');
  await kb.fill({ name: '办公地址', within: unit }, '广东省深圳市南山区科苑路 15 号');
  await kb.fill({ name: '邮编', within: unit }, '518000');
  // 法人代表姓名 is skipped: the applicant comes back to it from the error summary.
  await kb.choose('单位性质', '企业');
  await kb.choose('是否外企', '否');
  await kb.fill({ name: '姓名', within: contact }, '李晓华');
  await kb.choose('性别', '女');
  await kb.fill({ name: '职务', within: contact }, '标准化部经理');
  await kb.fill({ name: '电话', within: contact }, '0755-26036008');
  await kb.fill({ name: '传真', within: contact }, '0755-26036009');
  await kb.fill({ name: '手机', within: contact }, '13800138000');
  await kb.fill({ name: '电子邮件', within: contact }, 'lixh@example.com.cn');
  await kb.fill({ name: '通信地址', within: contact }, '广东省深圳市南山区科苑路 15 号');
  await kb.fill({ name: '邮编', within: contact }, '518000');
  await kb.fill({ name: '单位简介', role: 'textbox' }, '本公司专注于网络安全产品研发。');
  await kb.fill({ name: /^产品或研究成果/, role: 'textbox' }, '数据安全网关；参与起草 GB/T 42021-2022。');
  await kb.tick('WG3');
  await kb.tick('WG8');

  // The first representative, then a second one added with Enter: focus goes to its first field.
  await kb.fill({ name: '姓名', within: '代表 1' }, '欧阳·明');
  await kb.fill({ name: '职务/职称', within: '代表 1' }, '首席安全架构师');
  await kb.fill({ name: '技术背景', within: '代表 1' }, '从事密码应用研究 15 年');
  await kb.fill({ name: '手机', within: '代表 1' }, '13912345678');
  await kb.fill({ name: '电子邮件', within: '代表 1' }, 'ouyang@example.com.cn');
  await kb.tabTo({ name: '添加代表', role: 'button' });
  await kb.press('Enter', 'add a representative');
  await kb.expectFocus({ name: '姓名', within: '代表 2' }, 'after adding a representative');
  await kb.type('张堃');
  await kb.fill({ name: '职务/职称', within: '代表 2' }, '高级工程师');
  await kb.fill({ name: '技术背景', within: '代表 2' }, '数据安全标准研究');
  await kb.fill({ name: '手机', within: '代表 2' }, '13712345678');
  await kb.fill({ name: '电子邮件', within: '代表 2' }, 'zhangkun@example.com.cn');

  // The licence: Space on the file control opens the file chooser.
  const licence = { name: /^企业法人营业执照副本/, role: 'file' };
  await kb.tabTo(licence);
  await (await openChooser(page, kb, 'Space')).setFiles({ name: '旧执照.png', mimeType: 'image/png', buffer: tinyPng() });
  await page.getByText('旧执照.png').waitFor();
  await kb.check('after choosing a file');
  // The wrong scan: removed with its 删除 button (focus must stay on the form), then the right
  // one chosen with Enter this time.
  await kb.tabTo({ name: '删除附件 旧执照.png', role: 'button' });
  await kb.press('Enter', 'remove the attachment');
  await page.getByText('旧执照.png').waitFor({ state: 'detached' });
  await kb.check('after the attachment was removed');
  await kb.tabTo(licence);
  await (await openChooser(page, kb, 'Enter')).setFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 licence scan') });
  await page.getByText('营业执照.pdf').waitFor();
  await kb.check('after choosing a file');

  await kb.fill('密码主管部门的批文文号', '国密局〔2019〕123号');
  for (const duty of [/^联系人变更时/, /^本单位将维护网安标委/, /^本单位将积极参加工作组/, /^本单位将自觉宣传/, /^本单位同意按规定缴纳会费/, /^本单位愿意遵守/]) {
    await kb.tick(duty);
  }
  await kb.typeDate('2026-11-20', '盖章日期');

  // 核对信息 with 法人代表姓名 empty: the summary's link brings the applicant to it.
  await fixFromSummary(kb, page, /^法人代表姓名：/, { name: '法人代表姓名', role: 'textbox' });
  await kb.type('王晓明');
  await continueToReview(kb, page);

  // A change from the review page: back to the field, corrected, and on to the review again.
  await kb.tabTo({ name: '修改“法人代表姓名”', role: 'link' });
  await kb.press('Enter', 'change 法人代表姓名');
  await kb.expectFocus({ name: '法人代表姓名', role: 'textbox' }, 'after a change link');
  // The caret to the end, the wrong characters erased, the right ones typed.
  for (let i = 0; i < 3; i++) await kb.press('ArrowRight');
  await kb.press('Backspace');
  await kb.press('Backspace');
  await kb.type('小明');
  await continueToReview(kb, page);
  assert.ok(await page.locator('.fs-review').getByText('王小明').first().isVisible());

  const { answers } = await makePackage(kb, page, 'tc260');
  assert.equal(answers.name_zh, '深圳市示例网络安全技术有限公司');
  assert.equal(answers.legal_rep, '王小明');
  assert.equal(answers.org_type, 'enterprise');
  assert.equal(answers.foreign, 'no');
  assert.equal(answers.contact_gender, 'female');
  assert.deepEqual(answers.working_groups, ['WG3', 'WG8']);
  assert.deepEqual(answers.representatives.map((r) => r.name), ['欧阳·明', '张堃']);
  assert.deepEqual(answers.licence.map((f) => f.name), ['营业执照.pdf']);
  assert.equal(answers.seal_date, '2026-11-20');
  assert.equal(answers.pledge, true);
  kb.assertFocusKept();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('co-authoring by keyboard: 3 writers × 2 experience rows, rows removed, restored and moved, an error in a row fixed from the summary', async () => {
  const { ctx, page, errors, kb } = await open('group-std-coauthor', '单位名称');
  await kb.tick('工业互联网平台 总体框架');
  await kb.tick('工业互联网平台 工业大数据通用技术规范');
  const unit = '单位信息';
  await kb.fill({ name: '单位名称', within: unit }, '北京示例工业互联网研究院有限公司');
  await kb.choose('参与类型', '副主编');
  await kb.choose('单位类型', '企业');
  await kb.choose('协会任职', '单位会员');
  await kb.fill({ name: '负责人', within: unit }, '陈喆');
  await kb.fill({ name: '负责人电话', within: unit }, '010-62300000');
  await kb.fill({ name: '负责人邮箱', within: unit }, 'chenzhe@example.cn');
  await kb.fill({ name: '地址', within: unit }, '北京市海淀区学院路 30 号');

  const writers = [
    { name: '刘堃', phone: '13911112222', email: 'liukun@example.cn', education: '博士研究生', experience: [['GB/T 42021-2022', '3'], ['T/CAS 290-2017', '1']] },
    { name: '阿依古丽·买买提', phone: '0755-26036008', email: 'ayiguli@example.cn', education: '硕士研究生', experience: [['GB/T 23031.1-2022', '5'], ['T/CAS 291-2018', '2']] },
    // The last rank is left empty: the error summary leads the applicant back to it.
    { name: '赵六', phone: '13812345678', email: 'zhaoliu@example.cn', education: '大学本科', experience: [['GB/T 36323-2018', '7'], ['T/CAS 300-2019', '']] },
  ];
  for (const [i, w] of writers.entries()) {
    const row = `编写人员 ${i + 1}`;
    if (i > 0) {
      // A new writer: Enter on 添加编写人员, focus goes to the new row's first field.
      await kb.tabTo({ name: '添加编写人员', role: 'button' });
      await kb.press('Enter', 'add a writer');
      await kb.expectFocus({ name: '姓名', within: row }, 'after adding a writer');
    }
    await kb.fill({ name: '姓名', within: row }, w.name);
    await kb.fill({ name: '部门', within: row }, '标准研究部');
    await kb.fill({ name: '职称/职务', within: row }, '高级工程师');
    await kb.fill({ name: '电话', within: row }, w.phone);
    await kb.fill({ name: '邮箱', within: row }, w.email);
    await kb.choose('学历', w.education, { row });
    await kb.fill({ name: '业务专长', within: row }, '工业大数据平台架构');
    for (const [j, [standard, rank]] of w.experience.entries()) {
      const exp = `经历 ${j + 1}`;
      await kb.tabTo({ name: '添加经历', within: row });
      await kb.press('Space', 'add an experience row');
      await kb.expectFocus({ name: '标准名称或编号', within: [row, exp] }, `${row}: after adding ${exp}`);
      await kb.type(standard);
      await kb.tabTo({ name: '第几起草人', within: [row, exp] });
      await kb.type(rank);
    }
    if (i === 1) {
      // A third experience row typed by mistake, then removed: focus goes to 撤销删除.
      await kb.tabTo({ name: '添加经历', within: row });
      await kb.press('Enter', 'add an experience row');
      await kb.type('T/CAS 999-2099');
      await kb.tabTo({ name: '删除经历 3', role: 'button', within: row });
      await kb.press('Enter', 'remove the filled experience row');
      await kb.expectFocus({ name: '撤销删除', role: 'button', within: [row, '标准化工作经历'] }, 'after removing a filled row');
      assert.equal(await page.getByRole('group', { name: row, exact: true }).getByRole('group', { name: /^经历 \d$/ }).count(), 2);
    }
  }

  // A fourth writer added by mistake and removed while still empty: focus goes to 添加编写人员.
  await kb.tabTo({ name: '添加编写人员', role: 'button' });
  await kb.press('Enter', 'add a writer');
  await kb.expectFocus({ name: '姓名', within: '编写人员 4' }, 'after adding a writer');
  await kb.tabTo({ name: '删除编写人员 4', role: 'button' });
  await kb.press('Enter', 'remove the empty writer');
  await kb.expectFocus({ name: '添加编写人员', role: 'button' }, 'after removing an empty row');

  // Writer 3 removed by mistake, and restored with 撤销删除: focus goes to its first field.
  await kb.tabTo({ name: '删除编写人员 3', role: 'button' });
  await kb.press('Enter', 'remove writer 3');
  await kb.expectFocus({ name: '撤销删除', role: 'button' }, 'after removing a filled writer');
  await kb.press('Enter', 'undo');
  await kb.expectFocus({ name: '姓名', within: '编写人员 3' }, 'after undoing the removal');

  // Writer 2 moved up (to the top: its 上移 is then unavailable) and down again.
  await kb.tabTo({ name: '上移编写人员 2', role: 'button' });
  await kb.press('Enter', 'move writer 2 up');
  assert.equal(await page.getByRole('group', { name: '编写人员 1', exact: true }).getByLabel('姓名').inputValue(), '阿依古丽·买买提');
  await kb.tabTo({ name: '下移编写人员 1', role: 'button' });
  await kb.press('Enter', 'move writer 1 down');
  assert.equal(await page.getByRole('group', { name: '编写人员 2', exact: true }).getByLabel('姓名').inputValue(), '阿依古丽·买买提');

  await kb.fill('1. 企业简介', '本公司成立于 2015 年，从事工业互联网平台研发与服务。');
  await kb.fill(/^2\. 与本标准研制相关的业务情况/, '建有工业大数据实验室。');
  await kb.tick(/^本单位熟悉国内外工业互联网相关领域/);
  await kb.tick(/^本单位将严格按照/);
  await kb.typeDate('2026-11-20', '签章日期');

  await fixFromSummary(kb, page, /^编写人员第 3 行 · 经历第 2 行 · 第几起草人：/, { name: '第几起草人', within: ['编写人员 3', '经历 2'] });
  await kb.type('2');
  await continueToReview(kb, page);

  const { answers } = await makePackage(kb, page, 'coauthor');
  assert.deepEqual(answers.standards, ['iip-1', 'iip-3']);
  assert.equal(answers.role, 'deputy');
  assert.equal(answers.unit_type, 'enterprise');
  assert.equal(answers.membership, 'member');
  assert.deepEqual(answers.writers.map((w) => w.name), writers.map((w) => w.name));
  assert.deepEqual(answers.writers.map((w) => w.education), ['doctorate', 'master', 'bachelor']);
  assert.deepEqual(
    answers.writers.map((w) => w.experience.map((e) => [e.standard, e.rank])),
    [writers[0].experience, writers[1].experience, [['GB/T 36323-2018', '7'], ['T/CAS 300-2019', '2']]],
  );
  kb.assertFocusKept();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('AII by keyboard: the clear-draft dialog closed, fields revealed by a choice, a radio fixed from the summary, back from the review page, SM2 chosen', async () => {
  const { ctx, page, errors, kb } = await open('aii-member', '单位名称');
  // The clear-draft dialog opened and cancelled: focus stays in the toolbar.
  await kb.tabTo({ name: '清空草稿', role: 'button' });
  await kb.press('Enter', 'open the clear-draft dialog');
  await page.getByRole('alertdialog').waitFor();
  await kb.tabTo({ name: '取消', role: 'button' }, { max: 5 });
  await kb.press('Enter', 'cancel clearing');
  await page.getByRole('alertdialog').waitFor({ state: 'detached' });
  await kb.check('after the dialog closed');

  const unit = '单位信息';
  await kb.fill({ name: '单位名称', within: unit }, '深圳市示例工业互联网科技有限公司');
  await kb.fill({ name: '英文名称', within: unit }, 'Shenzhen Example Industrial Internet Technology Co., Ltd.');
  await kb.choose('单位类别', '企业');
  // 境内注册 brings the credit code and the postcode: they come next in the Tab order.
  await kb.choose('注册地', '境内注册');
  await kb.fill({ name: '统一社会信用代码', within: unit }, '914403001922038216');
  await kb.fill({ name: '法定代表人', within: unit }, '王小明');
  await kb.fill({ name: '通信地址', within: unit }, '广东省深圳市南山区科技园科苑路 15 号');
  await kb.fill({ name: '邮编', within: unit }, '518000');
  const contact = '联系人';
  await kb.fill({ name: '姓名', within: contact }, '李晓华');
  await kb.fill({ name: '部门及职务', within: contact }, '战略合作部经理');
  await kb.fill({ name: '手机', within: contact }, '13800138000');
  await kb.fill({ name: '电话', within: contact }, '0755-26036008');
  await kb.fill({ name: '电子邮件', within: contact }, 'lixh@example.com.cn');
  // 理事单位 (the arrow passes 普通会员单位 first); 目前是否已是联盟会员 is left for the summary.
  await kb.choose('申请的会员类别', '理事单位');
  await kb.tick(/^（一）工业互联网总体/);
  await kb.tick(/^（二）工业互联网标准规范/);
  await kb.tick(/^（三）工业互联网测试验证/);
  await kb.fill('在联盟业务（行业、学科）领域内的影响', '本公司专注于工业互联网平台和边缘计算产品，服务制造企业 200 余家。');
  const council = '理事大会代表及理事人选';
  await kb.fill({ name: /^参加理事大会的代表姓名/, within: council }, '欧阳·明');
  await kb.fill({ name: '代表职务', within: council }, '副总经理');
  await kb.fill({ name: '代表手机', within: council }, '13912345678');
  await kb.fill({ name: '代表电子邮件', within: council }, 'ouyang@example.com.cn');
  for (const duty of [/^本单位将遵守联盟章程/, /^本单位将全力维护联盟/, /^本单位将完成联盟委托/, /^对联盟合作规则细节/, /^本单位指定专人/, /^本单位如担任理事单位/, /^本单位拥护/, /^本单位将履行会员义务/]) {
    await kb.tick(duty);
  }
  await kb.typeDate('2026-11-20', '盖章日期');

  // The summary's link to the unanswered radio group focuses its first option; ArrowDown chooses.
  await fixFromSummary(kb, page, /^目前是否已是联盟会员：/, { name: '尚未入会', role: 'radio', within: '目前是否已是联盟会员' });
  await kb.press('ArrowDown', 'choose 已是普通会员单位');
  await kb.expectFocus({ name: '已是普通会员单位', role: 'radio' }, 'the second option');
  await continueToReview(kb, page);

  // Back to the form with 返回修改 (focus must land on the form, not on <body>), and on again.
  await kb.tabTo({ name: '返回修改', role: 'button' });
  await kb.press('Enter', 'back to the form');
  await page.getByRole('button', { name: '核对信息' }).waitFor();
  await kb.check('after going back to the form');
  await continueToReview(kb, page);

  // The signature algorithm chosen with the arrow keys on its list, then the package.
  await kb.tabTo({ name: /^签名算法/, role: 'combobox' });
  await kb.press('ArrowDown', 'ECDSA P-256');
  await kb.press('ArrowDown', 'SM2');
  assert.equal(await page.getByLabel('签名算法').inputValue(), 'SM2-SM3');
  const { answers, report } = await makePackage(kb, page, 'aii');
  assert.equal(report.algorithm, 'SM2-SM3');
  assert.equal(answers.unit_name, '深圳市示例工业互联网科技有限公司');
  assert.equal(answers.registered_in, 'china');
  assert.equal(answers.tier, 'director');
  assert.equal(answers.current_tier, 'member');
  assert.deepEqual(answers.work_areas, ['architecture', 'standards', 'testing']);
  assert.equal(answers.council_rep_name, '欧阳·明');
  assert.equal(answers.duty_director, true);
  assert.equal(answers.seal_date, '2026-11-20');
  kb.assertFocusKept();
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the verify page by keyboard: in from the start page and back, focus never on <body>', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.addInitScript(focusProbe);
  // The verify page is its own wasm: made slow to arrive, so that the moment it loads is
  // checked too (focus then rests on the line saying it is loading).
  await page.route('**/formseal-intake_bg.wasm', async (route) => {
    await new Promise((ok) => setTimeout(ok, 1000));
    await route.continue();
  });
  await page.goto(env.server.url);
  await page.getByRole('link', { name: '核验申请包' }).waitFor();
  const kb = new Keyboard(page);
  // The link and the page's 返回 both go with the page they are on: focus goes to the new
  // page's heading.
  await kb.tabTo({ name: '核验申请包', role: 'link' });
  await kb.press('Enter', 'open the verify page');
  await page.getByRole('link', { name: '返回', exact: true }).waitFor();
  await kb.check('on the verify page');
  await kb.expectFocus({ name: '核验申请包', role: 'h2' }, 'the verify page');
  await kb.tabTo({ name: '返回', role: 'link' });
  await kb.press('Enter', 'back to the start page');
  await page.getByRole('link', { name: '核验申请包' }).waitFor();
  await kb.check('back on the start page');
  kb.assertFocusKept();
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** A 1×1 PNG. */
function tinyPng() {
  return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
}

test('in a host page’s <formseal-form> (a shadow root), focus moves as on the demo page: a new row’s first field, the error summary, a field named there', async () => {
  const { ctx, page, errors, kb } = await openAt('examples/plain.html', '统一社会信用代码');
  assert.ok(await page.evaluate(() => !!document.querySelector('formseal-form').shadowRoot.querySelector('.fs-form')), 'the widget is in a shadow root');
  await kb.fill({ name: '姓名', within: '代表 1' }, '欧阳·明');
  await kb.tabTo({ name: '添加代表', role: 'button' });
  await kb.press('Enter', 'add a representative');
  await kb.expectFocus({ name: '姓名', within: '代表 2' }, 'after adding a representative');
  await kb.type('张堃');
  // 统一社会信用代码 (and the rest) left empty: the summary's link brings the applicant to it.
  await fixFromSummary(kb, page, /^统一社会信用代码：/, { name: '统一社会信用代码', role: 'textbox' });
  await kb.type('914403001922038216');
  kb.assertFocusKept();
  assert.deepEqual(errors, []);
  await ctx.close();
});
