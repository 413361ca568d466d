// End to end: the co-authoring application (seed 004) — the standards and one 参与类型, writers
// with nested standards experience, rows added / removed / undone, row-precise messages, and a
// valid package without the optional credit code and without a patent declaration.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

async function open() {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}#/group-std-coauthor`);
  await page.getByLabel('单位名称').waitFor();
  return { ctx, page, errors };
}

async function axeSerious(page) {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const r = await page.evaluate(() => window.axe.run());
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const row = (page, name) => page.getByRole('group', { name, exact: true });

async function fillWriter(w, { name, phone }) {
  await w.getByLabel('姓名').fill(name);
  await w.getByLabel('部门').fill('标准研究部');
  await w.getByLabel('职称/职务').fill('高级工程师');
  await w.getByLabel('电话', { exact: true }).fill(phone);
  await w.getByLabel('邮箱').fill('writer@example.cn');
  await w.getByLabel('微信号').fill('writer_01');
  await w.getByRole('radiogroup', { name: '学历' }).getByLabel('硕士研究生').check();
  await w.getByLabel('业务专长').fill('工业大数据');
}

test('a new applicant fills the co-authoring form without credit code or patents, and makes a valid package', async () => {
  const { ctx, page, errors } = await open();
  assert.deepEqual(await axeSerious(page), [], 'empty form');
  const standards = page.getByRole('group', { name: '拟参与的标准名称', exact: true });
  await standards.getByLabel('工业互联网平台 总体框架').check();
  await standards.getByLabel('工业互联网平台 工业大数据通用技术规范').check();

  const unit = page.getByRole('region', { name: '单位信息', exact: true });
  await unit.getByLabel('单位名称').fill('北京示例工业互联网研究院有限公司');
  // One 参与类型 for the whole application, as on the paper form; 主编 brings no promise.
  await unit.getByRole('radiogroup', { name: '参与类型' }).getByLabel('主编', { exact: true }).check();
  await unit.getByRole('radiogroup', { name: '单位类型' }).getByLabel('企业').check();
  await unit.getByRole('radiogroup', { name: '协会任职' }).getByLabel('单位会员', { exact: true }).check();
  await unit.getByLabel('负责人', { exact: true }).fill('陈喆');
  await unit.getByLabel('负责人电话').fill('010-62300000');
  await unit.getByLabel('负责人邮箱').fill('chenzhe@example.cn');
  await unit.getByLabel('地址').fill('北京市海淀区学院路 30 号');
  // The credit code is not on the paper form: optional, left empty here.
  assert.match(await unit.getByText('申请表上没有此栏').innerText(), /可不填/);

  const w1 = row(page, '编写人员 1');
  await fillWriter(w1, { name: '刘堃', phone: '13911112222' });
  await w1.getByRole('button', { name: '添加经历' }).click();
  await w1.getByRole('group', { name: '经历 1' }).getByLabel('标准名称或编号').fill('GB/T 42021-2022');
  await w1.getByRole('group', { name: '经历 1' }).getByLabel('第几起草人').fill('3');

  // A second writer, removed and restored with undo.
  await page.getByRole('button', { name: '添加编写人员' }).click();
  const w2 = row(page, '编写人员 2');
  await fillWriter(w2, { name: '阿依古丽·买买提', phone: '0755-26036008' });
  await page.getByRole('button', { name: '删除编写人员 2' }).click();
  await w2.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: '撤销删除' }).click();
  assert.equal(await row(page, '编写人员 2').getByLabel('姓名').inputValue(), '阿依古丽·买买提');
  // Reorder with the keyboard: move writer 2 up.
  await page.getByRole('button', { name: '上移编写人员 2' }).press('Enter');
  assert.equal(await row(page, '编写人员 1').getByLabel('姓名').inputValue(), '阿依古丽·买买提');
  await page.getByRole('button', { name: '下移编写人员 1' }).press('Enter');
  assert.equal(await row(page, '编写人员 1').getByLabel('姓名').inputValue(), '刘堃');

  await page.getByLabel('1. 企业简介').fill('本公司从事工业互联网平台研发。');
  await page.getByLabel('2. 与本标准研制相关的业务情况').fill('建有工业大数据实验室。');
  await page.getByLabel('本单位熟悉国内外工业互联网相关领域').check();
  await page.getByLabel('本单位将严格按照').check();
  await page.getByLabel('签章日期').fill('2026-11-20');
  // No patent declaration unless the call asks for one.
  assert.equal(await page.getByText('专利').count(), 0);

  const elig = page.getByRole('region', { name: '申请条件核对' });
  await elig.getByText('按已填写的信息没有不符合的条件；其中 1 项由协会和起草组审核确认').waitFor();
  const text = await elig.innerText();
  assert.match(text, /五、参编单位要求 第1项/);
  assert.match(text, /说明\s*征集说明 引言/);
  assert.doesNotMatch(text, /秘书处|主编单位/);

  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '核对信息', level: 2 }).waitFor();
  const review = page.locator('.fs-review');
  for (const text of ['工业互联网平台 总体框架', '编写人员第 1 行 · 经历第 1 行 · 标准名称或编号', 'GB/T 42021-2022', '阿依古丽·买买提']) {
    assert.ok(await review.getByText(text).first().isVisible(), `review shows ${text}`);
  }
  // Seed 004's process and contact, not a secretariat's.
  const steps = await review.getByRole('list').filter({ hasText: '签订协议' }).innerText();
  assert.match(steps, /盖章并提交标准参编申请表[\s\S]*协会和起草组审核[\s\S]*签订协议[\s\S]*加入标准编制组/);
  await review.getByText('提交标准编制组联系人包强', { exact: false }).first().waitFor();
  assert.doesNotMatch(await review.innerText(), /秘书处|资质文件/);
  assert.deepEqual(await axeSerious(page), [], 'review page');

  // The package is made and verifies, with no credit code and no patent declaration.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const zip = join(await mkdtemp(join(tmpdir(), 'formseal-coauthor-')), 'package.zip');
  await (await download).saveAs(zip);
  const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
  assert.equal(report.status, 'valid', JSON.stringify(report.problems));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('errors inside rows name the exact row and field', async () => {
  const { ctx, page } = await open();
  await page.getByLabel('导入草稿').setInputFiles({
    name: 'coauthor.json',
    mimeType: 'application/json',
    buffer: await readFile('fixtures/coauthor-complete.json'),
  });
  await page.getByText('已导入草稿 coauthor.json').waitFor();
  const phone = row(page, '编写人员 2').getByLabel('电话', { exact: true });
  await phone.fill('12345678901');
  await phone.blur();
  await row(page, '编写人员 2').getByText('号段 123 不存在').waitFor();
  const rank = row(page, '编写人员 1').getByRole('group', { name: '经历 2' }).getByLabel('第几起草人');
  await rank.fill('0');
  await page.getByRole('button', { name: '核对信息' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
  await summary.getByRole('link', { name: '编写人员第 2 行 · 电话：号段 123 不存在' }).waitFor();
  await summary.getByRole('link', { name: /^编写人员第 1 行 · 经历第 2 行 · 第几起草人：起草人排名应在 1 到 99 之间/ }).waitFor();
  assert.deepEqual(await axeSerious(page), [], 'form with errors');
  await summary.getByRole('link', { name: /^编写人员第 1 行 · 经历第 2 行/ }).click();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith('-rank'));
  await ctx.close();
});

test('drafts survive a reload; export and import; English', async () => {
  const { ctx, page } = await open();
  await page.getByLabel('导入草稿').setInputFiles({
    name: 'coauthor.json',
    mimeType: 'application/json',
    buffer: await readFile('fixtures/coauthor-complete.json'),
  });
  await page.getByText('已导入草稿').waitFor();
  await page.getByRole('button', { name: '添加编写人员' }).click();
  await row(page, '编写人员 3').getByLabel('姓名').fill('赵六');
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.reload();
  await page.getByLabel('单位名称').waitFor();
  assert.equal(await row(page, '编写人员 3').getByLabel('姓名').inputValue(), '赵六');
  assert.equal(await row(page, '编写人员 1').getByRole('group', { name: '经历 2' }).getByLabel('标准名称或编号').inputValue(), 'T/CAS 290-2017');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出草稿' }).click()]);
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(json.form.id, 'group-std-coauthor');
  assert.equal(json.answers.writers.length, 3);
  assert.equal(json.answers.writers[0].experience[1].rank, '1');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('group', { name: 'Writer 3', exact: true }).getByLabel('Name').waitFor();
  await page.getByRole('button', { name: 'Add Writer' }).waitFor();
  await page.getByRole('button', { name: '中文' }).click();
  await ctx.close();
});

/** Serves the app's index with a different host element (as an embedding page would write it). */
async function withHost(page, host) {
  await page.route(/\/(index\.html)?(#.*)?$/, async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace(/<div data-formseal[^>]*><\/div>/, host);
    await route.fulfill({ response: res, body: html });
  });
}

test("a new call's standards come from the host's configuration", async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const config = JSON.stringify({
    'group-std-coauthor': {
      standards: [
        { id: 'dt-1', title: { zh: '工业数字孪生 总体要求', en: 'Digital twin — General' } },
        { id: 'dt-2', title: { zh: '工业数字孪生 数据模型', en: 'Digital twin — Data model' } },
      ],
    },
  }).replaceAll('"', '&quot;');
  await withHost(page, `<div data-formseal data-form="group-std-coauthor" data-config="${config}"></div>`);
  await page.goto(env.server.url);
  const choice = page.getByRole('group', { name: '拟参与的标准名称', exact: true });
  await choice.getByLabel('工业数字孪生 数据模型').waitFor();
  assert.equal(await choice.getByRole('checkbox').count(), 2);
  // A broken configuration is explained to the host's developer instead of failing silently.
  const bad = await ctx.newPage();
  await withHost(bad, `<div data-formseal data-config="{&quot;tc260-wg&quot;: {&quot;groups&quot;: []}}"></div>`);
  await bad.goto(env.server.url);
  await bad.getByText('申请表 tc260-wg 的配置无效').waitFor();
  await ctx.close();
});

test('a call that asks for a patent declaration offers the licensing choices of its host', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const config = JSON.stringify({
    'group-std-coauthor': {
      patent_declaration: 'required',
      patent_licence_options: [{ id: 'free', label: { zh: '按协会政策免费许可', en: 'Royalty-free under the policy' } }],
    },
  }).replaceAll('"', '&quot;');
  await withHost(page, `<div data-formseal data-form="group-std-coauthor" data-config="${config}"></div>`);
  await page.goto(env.server.url);
  const patents = page.getByRole('region', { name: '专利声明', exact: true });
  await patents.getByText('按中国和平利用军工技术协会的专利处置政策声明').waitFor();
  await patents.getByRole('radiogroup', { name: '是否持有可能为所选标准必要专利的专利' }).getByLabel('是').check();
  const licence = patents.getByRole('radiogroup', { name: '许可承诺' });
  assert.equal(await licence.getByRole('radio').count(), 1);
  await licence.getByLabel('按协会政策免费许可').waitFor();
  const crit = page.locator('[data-criterion="policy.patents"]');
  assert.match(await crit.innerText(), /中国和平利用军工技术协会专利处置政策/);
  assert.doesNotMatch(await crit.innerText(), /324/);
  await ctx.close();
});
