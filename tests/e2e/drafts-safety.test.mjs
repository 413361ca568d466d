// End to end (issue 20): drafts are never lost — two tabs on one draft, a tab closed in the middle
// of a save, a full disk, a cleared site, a damaged draft, and earlier versions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, openApp } from './support.mjs';

const env = useBrowser(before, after);
const KEY = 'formseal:tc260-wg:draft';
const unit = (page) => page.getByRole('region', { name: '单位信息', exact: true });
const contact = (page) => page.getByRole('region', { name: '联系人', exact: true });
const rep = (page, n) => page.getByRole('group', { name: `代表 ${n}` });
const ELSEWHERE = '此项已在另一个标签页中修改';

/** Waits until `read()` gives `want` (a change saved in one tab reaches the others within a second or so). */
async function until(read, want, what) {
  const end = Date.now() + 5000;
  let got;
  while (Date.now() < end) {
    got = await read();
    if (got === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(got, want, what);
}

async function openTab(ctx, url) {
  const page = await ctx.newPage();
  await page.goto(`${url}#/tc260-wg`);
  await page.getByLabel('统一社会信用代码').waitFor();
  return page;
}

/** Every answer of the scenario, in one tab. */
async function expectAll(page, what) {
  assert.equal(await unit(page).getByLabel('单位名称（中文）').inputValue(), '甲公司', `${what}: unit name`);
  assert.equal(await unit(page).getByLabel('办公地址').inputValue(), '北京市海淀区', `${what}: address`);
  assert.equal(await unit(page).getByLabel('邮编').inputValue(), '100081', `${what}: postcode`);
  assert.equal(await rep(page, 1).getByLabel('姓名').inputValue(), '张三', `${what}: the remaining representative`);
  assert.equal(await rep(page, 2).count(), 0, `${what}: one representative`);
}

test('two tabs on one draft: each change reaches the other; the later change of a field wins and says so', async () => {
  const { ctx, page: a } = await openApp(env.browser, env.server.url);
  const b = await openTab(ctx, env.server.url);
  // Different fields, typed in both tabs (B opened before A's change).
  await unit(a).getByLabel('单位名称（中文）').fill('甲公司');
  await unit(b).getByLabel('办公地址').fill('北京市海淀区');
  await until(() => unit(a).getByLabel('办公地址').inputValue(), '北京市海淀区', 'B → A');
  await until(() => unit(b).getByLabel('单位名称（中文）').inputValue(), '甲公司', 'A → B');
  // The same field, one after the other: the later wins; the tab that had changed it says so.
  await unit(a).getByLabel('邮编').fill('100080');
  await until(() => unit(b).getByLabel('邮编').inputValue(), '100080', 'postcode A → B');
  await unit(b).getByLabel('邮编').fill('100081');
  await until(() => unit(a).getByLabel('邮编').inputValue(), '100081', 'postcode B → A');
  await unit(a).getByText(ELSEWHERE).waitFor();
  assert.equal(await unit(b).getByText(ELSEWHERE).count(), 0, 'the tab with the later change has no note');
  // The same field in both tabs before either saved (within the autosave delay): the later typing wins.
  await contact(a).getByLabel('传真').fill('010-62000001');
  await contact(b).getByLabel('传真').fill('010-62000002');
  await until(() => contact(a).getByLabel('传真').inputValue(), '010-62000002', 'the later fax wins in A');
  await until(() => contact(b).getByLabel('传真').inputValue(), '010-62000002', 'the later fax stays in B');
  // Rows: B names the first representative, A adds a second, B removes the first.
  await rep(b, 1).getByLabel('姓名').fill('李四');
  await until(() => rep(a, 1).getByLabel('姓名').inputValue(), '李四', 'row edit B → A');
  await a.getByRole('button', { name: '添加代表' }).click();
  await rep(a, 2).getByLabel('姓名').fill('张三');
  await until(() => rep(b, 2).getByLabel('姓名').inputValue().catch(() => ''), '张三', 'added row A → B');
  await b.getByRole('button', { name: '删除代表 1' }).click();
  await until(() => rep(a, 2).count(), 0, 'removed row B → A');
  await until(() => rep(a, 1).getByLabel('姓名').inputValue(), '张三', 'A keeps the other row');
  // Reload each tab, and open a new one: every answer is there.
  await a.waitForTimeout(1000);
  for (const [page, what] of [[a, 'tab A'], [b, 'tab B']]) {
    await page.reload();
    await page.getByLabel('统一社会信用代码').waitFor();
    await expectAll(page, what);
  }
  const c = await openTab(ctx, env.server.url);
  await expectAll(c, 'a new tab');
  await ctx.close();
});

test('two widgets on one page keep their drafts apart across tabs', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const url = `${env.server.url}examples/two-widgets.html`;
  const [a, b] = [await ctx.newPage(), await ctx.newPage()];
  for (const p of [a, b]) {
    await p.goto(url);
    await p.locator('#second').getByLabel('Unified social credit code').waitFor();
  }
  await a.locator('#first').getByLabel('单位名称（中文）').fill('甲单位有限公司');
  await until(() => b.locator('#first').getByLabel('单位名称（中文）').inputValue(), '甲单位有限公司', 'first widget A → B');
  await b.waitForTimeout(1000);
  assert.equal(await b.locator('#second').getByLabel('Name (Chinese)').inputValue(), '', 'no cross-talk between keys');
  await ctx.close();
});

test('a tab closed while a large attachment is written leaves the previous draft whole', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await unit(page).getByLabel('单位名称（中文）').fill('甲公司');
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  const dir = await mkdtemp(join(tmpdir(), 'fs-big-'));
  const big = join(dir, '营业执照扫描件.pdf');
  await writeFile(big, Buffer.alloc(40 * 1024 * 1024, 7));
  const cdp = await ctx.newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  const browserCdp = await env.browser.newBrowserCDPSession();
  await page.getByLabel('企业法人营业执照副本').setInputFiles(big);
  await browserCdp.send('Target.closeTarget', { targetId: targetInfo.targetId });
  const again = await openTab(ctx, env.server.url);
  assert.equal(await unit(again).getByLabel('单位名称（中文）').inputValue(), '甲公司');
  // Whatever the draft names is in storage, whole (the file was either saved or not named at all).
  const check = await again.evaluate(async (key) => {
    const d = JSON.parse(localStorage.getItem(key));
    const refs = d.answers.licence ?? [];
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('formseal');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const sizes = [];
    for (const f of refs) {
      const blob = await new Promise((ok) => {
        const r = db.transaction('files').objectStore('files').get(`tc260-wg/${f.id}`);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ok(null);
      });
      sizes.push([f.size, blob ? blob.size : -1]);
    }
    return sizes;
  }, KEY);
  for (const [named, stored] of check) assert.equal(stored, named, 'a named attachment is stored whole');
  assert.equal(await again.getByText('以下附件已不在浏览器存储中').count(), 0);
  await ctx.close();
});

test('a full disk: the answers are saved without the file that did not fit, which is named', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  // The browser's storage refuses any file above 1 MB, as a full disk would.
  await ctx.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (value instanceof Blob && value.size > 1024 * 1024) throw new DOMException('full', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  const { page } = await openApp(env.browser, env.server.url, { context: ctx });
  const licence = page.getByLabel('企业法人营业执照副本');
  await licence.setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 small') });
  await page.getByText('营业执照.pdf').waitFor();
  // The first attachment asks the browser to keep the site's data, and says what it answered.
  await page.getByText(/浏览器(已|未)同意长期保存本页的数据/).waitFor();
  await licence.setInputFiles({ name: '彩色扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2 * 1024 * 1024, 1) });
  await page.getByRole('alert').filter({ hasText: '附件“彩色扫描件.pdf”未能保存：浏览器存储空间已满' }).waitFor();
  await unit(page).getByLabel('单位名称（中文）').fill('甲公司');
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByLabel('统一社会信用代码').waitFor();
  assert.equal(await unit(page).getByLabel('单位名称（中文）').inputValue(), '甲公司');
  await page.getByText('营业执照.pdf').waitFor();
  assert.equal(await page.getByText('彩色扫描件.pdf').count(), 0);
  await ctx.close();
});

test('a cleared site is reported, once; a damaged draft can be downloaded', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await unit(page).getByLabel('单位名称（中文）').fill('甲公司');
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(800);
  // What a browser evicting the site's storage does: localStorage and IndexedDB go, cookies stay.
  await page.evaluate(() => {
    localStorage.clear();
    indexedDB.deleteDatabase('formseal');
  });
  await page.reload();
  await page.getByRole('alert').filter({ hasText: '这个浏览器中原有的草稿已不在了' }).waitFor();
  await page.reload();
  await page.getByLabel('统一社会信用代码').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.getByText('这个浏览器中原有的草稿已不在了').count(), 0, 'said once');
  // A damaged draft: kept aside, said, and downloadable from the earlier versions.
  await page.evaluate((key) => localStorage.setItem(key, '{"format": "formseal-draft", broken'), KEY);
  await page.reload();
  await page.getByRole('alert').filter({ hasText: '浏览器中保存的草稿无法读取' }).waitFor();
  await page.getByRole('button', { name: '早先版本' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载无法读取的副本' }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), '{"format": "formseal-draft", broken');
  await ctx.close();
});

test('an import keeps the draft before it as an earlier version, which can be restored', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await unit(page).getByLabel('单位名称（中文）').fill('甲公司');
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(800);
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), KEY));
  stored.answers.name_zh = '乙公司';
  await page.getByLabel('导入草稿').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(stored)),
  });
  await page.getByText('已导入草稿 other.json').waitFor();
  assert.equal(await unit(page).getByLabel('单位名称（中文）').inputValue(), '乙公司');
  await page.getByRole('button', { name: '早先版本' }).click();
  const versions = page.getByRole('region', { name: '草稿的早先版本' });
  await versions.getByText(/甲公司/).waitFor();
  await versions.getByRole('button', { name: /^恢复 \d{4}-\d\d-\d\d \d\d:\d\d 保存的版本$/ }).first().click();
  await page.getByText(/^已恢复 .* 保存的版本/).waitFor();
  assert.equal(await unit(page).getByLabel('单位名称（中文）').inputValue(), '甲公司');
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByLabel('统一社会信用代码').waitFor();
  assert.equal(await unit(page).getByLabel('单位名称（中文）').inputValue(), '甲公司');
  // The answers before the restore are an earlier version in turn.
  await page.getByRole('button', { name: '早先版本' }).click();
  await page.getByRole('region', { name: '草稿的早先版本' }).getByText(/乙公司/).waitFor();
  await ctx.close();
});

test('a draft this tab cannot read (another tab with a newer formseal) is kept aside before a save writes over it', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await unit(page).getByLabel('单位名称（中文）').fill('甲公司');
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(800);
  const newer = JSON.stringify({ format: 'formseal-draft', version: 99, form: { id: 'tc260-wg', version: 'x' }, answers: {} });
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, newer]);
  await unit(page).getByLabel('办公地址').fill('北京市海淀区');
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).version === 1, KEY);
  assert.equal(await page.evaluate((key) => localStorage.getItem(`${key}:damaged`), KEY), newer);
  await ctx.close();
});

test('a paste longer than any field takes stops at the controls’ limit, and the saved draft still opens', async () => {
  const { ctx, page } = await openApp(env.browser, env.server.url);
  await unit(page).getByLabel('单位名称（中文）').fill('甲公司');
  // 150,000 characters (450 KB of UTF-8), beyond what the draft's reader takes (400 KB a text):
  // before the limit, the save kept them and the whole draft was refused after a reload.
  const pasted = '网络安全'.repeat(37_500);
  const profile = page.getByRole('textbox', { name: '单位简介' });
  await profile.fill(pasted);
  assert.equal(await profile.inputValue(), pasted.slice(0, 100_000));
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByLabel('统一社会信用代码').waitFor();
  assert.equal(await unit(page).getByLabel('单位名称（中文）').inputValue(), '甲公司');
  assert.equal(await page.getByRole('textbox', { name: '单位简介' }).inputValue(), pasted.slice(0, 100_000));
  assert.equal(await page.getByText('浏览器中保存的草稿无法读取').count(), 0);
  await ctx.close();
});
