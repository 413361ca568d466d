// End to end: axe-core's WCAG 2.2 AA rules (issue 18) on every state — the start page, each form
// empty / with errors / complete, the review page, the package panel, key backup and import, the
// verify page with a valid and a tampered package — in Chinese and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FORMS, fresh, startPage, openForm, loadComplete, showErrors, toReview, english, makePackage } from './a11y-support.mjs';


// ---------------------------------------------------------------------------------------------
// axe-core, WCAG 2.2 AA

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const result = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: 'tag', values } }), WCAG);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Runs axe-core on each state `steps` reaches: [name, async (page) => reach it]. */
async function axeOnEach(page, steps) {
  const found = [];
  for (const [name, reach] of steps) {
    await reach(page);
    found.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
  }
  assert.deepEqual(found, [], 'axe-core (WCAG 2.2 AA) violations');
}

test('axe-core, WCAG 2.2 AA: start page, each form empty / with errors / complete, review (Chinese)', async () => {
  const { ctx, page, errors } = await fresh();
  await axeOnEach(page, [['start page', startPage]]);
  for (const form of Object.keys(FORMS)) {
    await axeOnEach(page, [
      [`${form} empty`, (p) => openForm(p, form)],
      [`${form} with errors`, (p) => showErrors(p)],
      [`${form} complete`, (p) => loadComplete(p, form)],
      [`${form} review`, (p) => toReview(p)],
    ]);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('axe-core, WCAG 2.2 AA: package panel, key backup and import, verify page with a valid and a tampered package', async () => {
  const { ctx, page, errors } = await fresh();
  await openForm(page, 'tc260-wg');
  await loadComplete(page, 'tc260-wg');
  await toReview(page);
  let zip;
  await axeOnEach(page, [
    ['package panel, package made', async (p) => { zip = await makePackage(p); }],
    ['key backup with an error', async (p) => {
      await p.getByRole('button', { name: '备份密钥' }).click();
      await p.getByLabel('备份口令（至少 8 个字符）').fill('short');
      await p.getByLabel('再次输入口令').fill('short');
      await p.getByRole('button', { name: '下载加密的备份文件' }).click();
      await p.getByText('口令至少需要 8 个字符').waitFor();
    }],
    ['key import with an error', async (p) => {
      await p.getByRole('button', { name: '导入密钥' }).click();
      await p.getByText('导入后将替换当前密钥').waitFor();
      await p.getByRole('button', { name: '导入', exact: true }).click();
      await p.getByText('请先选择密钥文件').waitFor();
    }],
    ['verify page, valid package', async (p) => {
      await p.getByRole('button', { name: '核验申请包' }).click();
      await p.getByLabel('选择申请包文件').setInputFiles({ name: 'package.zip', mimeType: 'application/zip', buffer: zip });
      await p.getByText('package.zip：申请包有效').waitFor();
    }],
    ['verify page, tampered package', async (p) => {
      const tampered = Buffer.from(zip);
      tampered[tampered.length >> 1] ^= 0x20;
      await p.getByLabel('选择申请包文件').setInputFiles({ name: 'tampered.zip', mimeType: 'application/zip', buffer: tampered });
      await p.getByText('tampered.zip：申请包无效').waitFor();
    }],
  ]);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('axe-core, WCAG 2.2 AA, in English: start page, a form with errors, the review page', async () => {
  const { ctx, page, errors } = await fresh();
  await axeOnEach(page, [
    ['start page (en)', async (p) => { await startPage(p); await english(p); }],
    ['tc260-wg with errors (en)', async (p) => { await openForm(p, 'tc260-wg'); await showErrors(p, 'en'); }],
    ['co-authoring with errors (en)', async (p) => { await openForm(p, 'group-std-coauthor'); await showErrors(p, 'en'); }],
    ['review (en)', async (p) => {
      await openForm(p, 'tc260-wg');
      await loadComplete(p, 'tc260-wg', 'en');
      await toReview(p, 'en');
    }],
  ]);
  assert.deepEqual(errors, []);
  await ctx.close();
});
