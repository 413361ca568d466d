// End to end (issue 16): rows added, edited, moved and removed in quick bursts — nothing typed is
// lost: after a reload the draft holds exactly the rows expected, in order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const row = (page, name) => page.getByRole('group', { name, exact: true });
const KEY = 'formseal:group-std-coauthor:draft';

test('rows in bursts: added, typed into, moved and removed without waiting; the reloaded draft is exact', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}#/group-std-coauthor`);
  await page.getByLabel('单位名称').waitFor();
  const add = page.getByRole('button', { name: '添加编写人员' });
  // Nine writers added in one burst (the form starts with one), then each named at once.
  for (let i = 0; i < 9; i++) await add.click({ delay: 0 });
  const names = ['刘一', '陈二', '张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十'];
  for (let i = 0; i < names.length; i++) {
    const w = row(page, `编写人员 ${i + 1}`);
    await w.getByLabel('姓名').fill(names[i]);
    await w.getByLabel('电话').fill(`1390000000${i}`);
  }
  // Experience rows for the third writer, in a burst, typed into at once.
  const third = row(page, '编写人员 3');
  for (let j = 0; j < 3; j++) await third.getByRole('button', { name: '添加经历' }).click({ delay: 0 });
  for (let j = 0; j < 3; j++) await third.getByRole('group', { name: `经历 ${j + 1}` }).getByLabel('标准名称或编号').fill(`GB/T ${42000 + j}-2022`);
  // Removals and moves without waiting between them.
  await page.getByRole('button', { name: '删除编写人员 10' }).click({ delay: 0 });
  await page.getByRole('button', { name: '删除编写人员 2' }).click({ delay: 0 });
  await page.getByRole('button', { name: '上移编写人员 5' }).click({ delay: 0 });
  await page.getByRole('button', { name: '下移编写人员 1' }).click({ delay: 0 });
  await third.page().getByRole('button', { name: '删除经历 2' }).click({ delay: 0 });
  // The rows' buttons belong to the empty form beside the answers' form (Chromium's autofill reads
  // the whole form of a field after each keystroke): every row's move and remove button is owned
  // by that form, which is hidden and empty; the answers' form keeps its fields and the buttons
  // that add rows, undo a removal and continue.
  const owners = await page.evaluate(() => {
    const [answers, buttons] = document.querySelectorAll('form');
    const rowButtons = [...document.querySelectorAll('.fs-row__actions button')];
    return {
      answersButtons: [...answers.elements].filter((e) => e.localName === 'button').map((b) => b.textContent),
      rowButtons: rowButtons.length,
      ownedByOther: rowButtons.filter((b) => b.form === buttons).length,
      otherHidden: buttons.hidden,
      otherChildren: buttons.childElementCount,
    };
  });
  assert.ok(owners.rowButtons >= 30, `row buttons on screen: ${owners.rowButtons}`);
  assert.equal(owners.ownedByOther, owners.rowButtons, 'every row button is owned by the buttons\' form');
  assert.ok(!owners.answersButtons.some((t) => /^(上移|下移|删除)$/.test(t)), `the answers' form holds no row button: ${owners.answersButtons}`);
  assert.ok(owners.otherHidden && owners.otherChildren === 0, 'the buttons\' form is hidden and empty');
  // Removed 郑十 (10) and 陈二 (2): 刘一 张三 李四 王五 赵六 孙七 周八 吴九; 赵六 up over 王五; 刘一 down.
  const expected = ['张三', '刘一', '李四', '赵六', '王五', '孙七', '周八', '吴九'];
  for (let i = 0; i < expected.length; i++) {
    assert.equal(await row(page, `编写人员 ${i + 1}`).getByLabel('姓名').inputValue(), expected[i], `on screen, writer ${i + 1}`);
  }
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(1000);
  await page.reload();
  await page.getByLabel('单位名称').waitFor();
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.deepEqual(stored.answers.writers.map((w) => w.name), expected, 'the stored draft');
  assert.deepEqual(stored.answers.writers.map((w) => w.phone), ['13900000002', '13900000000', '13900000003', '13900000005', '13900000004', '13900000006', '13900000007', '13900000008']);
  assert.deepEqual(stored.answers.writers[0].experience.map((e) => e.standard), ['GB/T 42000-2022', 'GB/T 42002-2022']);
  for (let i = 0; i < expected.length; i++) {
    assert.equal(await row(page, `编写人员 ${i + 1}`).getByLabel('姓名').inputValue(), expected[i], `after the reload, writer ${i + 1}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});
