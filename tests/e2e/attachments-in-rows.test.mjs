// End to end (issue 15, first defect): a host's form with an attachment field inside repeatable
// rows. Choosing a file in a row used to abort the widget (`unreachable!()`), and such files were
// left out of drafts and packages. Now each row keeps its own file, across a reload, into the
// package, which `formseal verify --form` accepts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillObserverForm, useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

/** The example observer form, with a list of experts, each with a CV (an attachment field in rows). */
async function definition() {
  const d = JSON.parse(await readFile('examples/observer-form.json', 'utf8'));
  d.id = 'example-experts';
  d.sections.splice(1, 0, {
    id: 'experts',
    title: { zh: '参加专家', en: 'Experts' },
    fields: [{
      id: 'experts',
      label: { zh: '参加专家', en: 'Experts' },
      kind: { rows: {
        fields: [
          { id: 'expert_name', label: { zh: '专家姓名', en: 'Name' }, kind: { text: { max_chars: 40, format: 'person_name' } } },
          { id: 'cv', label: { zh: '个人简历', en: 'CV' }, kind: { files: { multiple: false } } },
        ],
        min: 1, max: 5, row_label: { zh: '专家', en: 'Expert' },
      } },
    }],
  });
  return d;
}

async function mount(page, def) {
  await page.evaluate(async (definition) => {
    document.querySelector('formseal-form')?.remove();
    const el = document.createElement('div');
    el.id = 'experts-form';
    document.body.append(el);
    await window.formseal.mount(el, { definition, draftKey: 'experts' });
  }, def);
  const widget = page.locator('#experts-form');
  await widget.getByLabel('单位名称').waitFor();
  return widget;
}

test('attachments inside rows: chosen per row, kept across a reload, packed and verified', async () => {
  const def = await definition();
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}examples/host-form.html`);
  await page.getByRole('heading', { name: '示例：标准工作组观察员登记表' }).waitFor();
  let w = await mount(page, def);
  const expert = (n) => w.getByRole('group', { name: `专家 ${n}`, exact: true });
  await expert(1).getByLabel('专家姓名').fill('王小明');
  await expert(1).getByLabel('个人简历').setInputFiles({ name: '王小明简历.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 cv 1') });
  await expert(1).getByText('王小明简历.pdf').waitFor();
  await w.getByRole('button', { name: '添加专家' }).click();
  await expert(2).getByLabel('专家姓名').fill('李晓华');
  await expert(2).getByLabel('个人简历').setInputFiles({ name: '李晓华简历.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 cv 2') });
  await expert(2).getByText('李晓华简历.pdf').waitFor();
  assert.equal(await expert(1).getByText('李晓华简历.pdf').count(), 0, 'each row has its own file');
  // A file removed from one row and chosen again.
  await expert(2).getByRole('button', { name: '删除附件 李晓华简历.pdf' }).click();
  await expert(2).getByText('李晓华简历.pdf').waitFor({ state: 'detached' });
  await expert(2).getByLabel('个人简历').setInputFiles({ name: '李晓华简历.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 cv 2') });
  await expert(2).getByText('李晓华简历.pdf').waitFor();
  // The rest of the form.
  await fillObserverForm(w);
  await w.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(800);

  // After a reload the draft has both rows' files (kept in the browser).
  await page.reload();
  await page.getByRole('heading', { name: '示例：标准工作组观察员登记表' }).waitFor();
  w = await mount(page, def);
  await expert(1).getByText('王小明简历.pdf').waitFor();
  await expert(2).getByText('李晓华简历.pdf').waitFor();
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('formseal:experts:example-experts:draft')));
  assert.deepEqual(stored.answers.experts.map((e) => e.cv.map((f) => f.name)), [['王小明简历.pdf'], ['李晓华简历.pdf']]);

  await w.getByRole('button', { name: '核对信息' }).click();
  const download = page.waitForEvent('download');
  await w.getByRole('button', { name: '生成并下载申请包' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'formseal-rows-files-'));
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);
  const defFile = join(dir, 'experts.json');
  await writeFile(defFile, JSON.stringify(def));
  const out = execFileSync(FORMSEAL, ['verify', '--json', '--form', defFile, zip], { encoding: 'utf8' });
  const report = JSON.parse(out);
  assert.equal(report.status, 'valid', JSON.stringify(report.problems));
  const inspected = execFileSync(FORMSEAL, ['inspect', zip], { encoding: 'utf8' });
  assert.match(inspected, /王小明简历\.pdf/);
  assert.match(inspected, /李晓华简历\.pdf/);
  assert.deepEqual(errors, []);
  await ctx.close();
});
