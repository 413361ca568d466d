// A host's own form (issue 13): examples/host-form.html mounts examples/observer-form.json — a
// definition that is none of the built-in forms — and an applicant fills it, makes the package,
// and `formseal verify --form` accepts it; the same package against another definition fails.
// Broken definitions are named precisely in the widget, as `formseal check-form` names them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillObserverForm, useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

function verify(file, ...extra) {
  try {
    return { code: 0, report: JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', ...extra, file], { encoding: 'utf8' })) };
  } catch (e) {
    return { code: e.status, report: JSON.parse(e.stdout) };
  }
}

test('a host form from a definition file is filled, packaged and verified against that definition', async () => {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  // Nothing of the widget's — the page's or its package worker's — warns in the host's console.
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto(`${env.server.url}examples/host-form.html`);
  await page.getByRole('heading', { name: '示例：标准工作组观察员登记表' }).waitFor();
  // The offline file holds the built-in forms only: it is not offered for a host's own form.
  assert.equal(await page.getByRole('link', { name: '下载离线版' }).count(), 0);
  await fillObserverForm(page);
  await page.getByRole('button', { name: '核对信息' }).click();
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'formseal-host-'));
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);

  // The secretariat's own definition is the reference.
  const ok = verify(zip, '--form', 'examples/observer-form.json');
  assert.equal(ok.code, 0, JSON.stringify(ok.report.problems));
  assert.equal(ok.report.status, 'valid');
  // Without it, the package's own definition is used, and the report says so.
  const own = verify(zip);
  assert.equal(own.code, 0, JSON.stringify(own.report.problems));
  assert.ok(own.report.notes.some((n) => n.code === 'package.form.own'), JSON.stringify(own.report.notes));
  // `formseal render` prints the same paper form from the definition the package carries.
  const again = join(dir, 'again.pdf');
  execFileSync(FORMSEAL, ['render', zip, '-o', again]);
  const carried = execFileSync('unzip', ['-p', zip, 'application.pdf']);
  assert.ok((await readFile(again)).equals(carried), 'render gives back the package’s PDF');
  // Against a changed definition (the secretariat's is stricter), the package fails.
  const changed = JSON.parse(await readFile('examples/observer-form.json', 'utf8'));
  changed.sections[0].fields[1].label.zh = '统一社会信用代码（18 位）';
  const other = join(dir, 'other.json');
  await writeFile(other, JSON.stringify(changed));
  const bad = verify(zip, '--form', other);
  assert.equal(bad.code, 1);
  assert.ok(bad.report.problems.some((p) => p.code === 'package.form.differs'), JSON.stringify(bad.report.problems));
  assert.deepEqual(warnings, []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a broken definition is named precisely in the widget, and nothing else is shown', async () => {
  const expected = JSON.parse(await readFile('fixtures/broken-definitions/expected.json', 'utf8'));
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${env.server.url}examples/host-form.html`);
  await page.getByRole('heading', { name: '示例：标准工作组观察员登记表' }).waitFor();
  const cases = Object.entries(expected);
  const huge = JSON.parse(await readFile('examples/observer-form.json', 'utf8'));
  huge.title.zh = '表'.repeat(1_800_000);
  cases.push(['five-megabytes', { expect: 'more than the 1.0 MB' }]);
  for (const [name, { expect }] of cases) {
    const definition =
      name === 'five-megabytes' ? huge : JSON.parse(await readFile(`fixtures/broken-definitions/${name}.json`, 'utf8'));
    const outcome = await page.evaluate(async (definition) => {
      const el = document.createElement('div');
      document.body.append(el);
      try {
        await window.formseal.mount(el, { definition, draftKey: 'broken' });
        return { mounted: true, text: el.shadowRoot.textContent };
      } catch (e) {
        return { mounted: false, message: String(e), text: el.shadowRoot.textContent };
      } finally {
        el.remove();
      }
    }, definition);
    assert.equal(outcome.mounted, false, `${name}: ${outcome.text}`);
    assert.ok(outcome.message.includes(expect), `${name}: ${outcome.message}`);
    assert.ok(outcome.text.includes(expect), `${name}: the widget shows it: ${outcome.text}`);
  }
  await ctx.close();
});

test('field and section ids that are words of the widget’s own element ids share none of them', async () => {
  // Named as the widget's own elements were (before their ids had a `.` after the prefix): its
  // title, error summary, clear button and buttons' form; a section named as a field's message
  // (`<prefix>-sec-msg`); a list's row fields named as the row's move buttons.
  const definition = JSON.parse(await readFile('examples/observer-form.json', 'utf8'));
  const [unit, interest] = definition.sections;
  const rename = (from, to) => (unit.fields.find((f) => f.id === from).id = to);
  rename('contact', 'title');
  rename('mobile', 'summary');
  rename('email', 'clear');
  interest.id = 'msg';
  interest.fields.push({
    id: 'sec',
    label: { zh: '联络人员', en: 'Liaisons' },
    required: false,
    kind: {
      rows: {
        row_label: { zh: '联络人', en: 'liaison' },
        fields: [
          { id: 'up', label: { zh: '姓名', en: 'Name' }, kind: { text: { max_chars: 40 } } },
          { id: 'down', label: { zh: '职务', en: 'Title' }, kind: { text: { max_chars: 40 } } },
        ],
      },
    },
  });
  const ctx = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}examples/host-form.html`);
  await page.getByRole('heading', { name: '示例：标准工作组观察员登记表' }).waitFor();
  await page.evaluate(async (definition) => {
    const el = document.createElement('div');
    el.id = 'ids-host';
    document.body.append(el);
    await window.formseal.mount(el, { definition, draftKey: 'ids' });
  }, definition);
  const host = page.locator('#ids-host');
  await host.getByRole('button', { name: '添加联络人' }).click();
  await host.getByRole('button', { name: '添加联络人' }).click();
  await host.getByLabel('姓名').first().fill('王小明');
  const duplicates = () =>
    page.evaluate(() => {
      const ids = [...document.getElementById('ids-host').shadowRoot.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
  assert.deepEqual(await duplicates(), []);
  // Each label still names its own control, and the row's move buttons are not the row's fields.
  await host.getByLabel('联系人').fill('李晓华');
  await host.getByLabel('手机').fill('13712345678');
  assert.equal(await host.getByLabel('联系人').inputValue(), '李晓华');
  assert.equal(await host.getByRole('button', { name: '上移联络人 2' }).count(), 1);
  await host.getByRole('button', { name: '上移联络人 2' }).click();
  assert.equal(await host.getByLabel('姓名').nth(1).inputValue(), '王小明');
  // Leaving an empty required field shows its message, described by the field alone.
  await host.getByLabel('电子邮件').focus();
  await host.getByLabel('电子邮件').blur();
  assert.deepEqual(await duplicates(), []);
  assert.deepEqual(errors, []);
  await ctx.close();
});
