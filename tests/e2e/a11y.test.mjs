// End to end: accessibility (issue 18) — the screen-reader view (accessibility-tree snapshots
// compared with tests/e2e/aria/*.yml; names, groups, rows, errors and live regions checked in the
// DOM and in Chromium's accessibility tree) and axe-core's WCAG 2.2 AA rules on every state, in
// Chinese and English. FORMSEAL_UPDATE_REFERENCES=1 rewrites the snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UPDATE, ARIA, fresh, startPage, openForm, loadComplete, showErrors, toReview, english, makePackage } from './a11y-support.mjs';

// ---------------------------------------------------------------------------------------------
// The screen-reader view

/** Volatile text out of a snapshot: times, dates, fingerprints, digests, sizes. */
function normalise(yaml) {
  return yaml
    .replace(/\b[0-9a-f]{4}(?: [0-9a-f]{4}){15}\b/g, '<hex>')
    .replace(/\b[0-9a-f]{64}\b/g, '<hex>')
    .replace(/\b\d{4}-\d\d-\d\d(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?\b/g, '<date>')
    .replace(/\b\d\d:\d\d\b/g, '<time>')
    .replace(/\b\d+(\.\d+)? (B|KB|MB)\b/g, '<size>');
}

/** Compares the accessibility tree under `locator` with tests/e2e/aria/<name>.yml. */
async function assertAriaSnapshot(locator, name) {
  const actual = `${normalise(await locator.ariaSnapshot())}\n`;
  const file = join(ARIA, `${name}.yml`);
  if (UPDATE) {
    await mkdir(ARIA, { recursive: true });
    await writeFile(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no snapshot ${file}: FORMSEAL_UPDATE_REFERENCES=1 makes it`);
  assert.equal(actual, await readFile(file, 'utf8'), `the accessibility tree of “${name}” differs from ${file}`);
}

/** Runs in the page: tags every control and group with data-a11y-probe and says what its name
 * should be — a control's visible label, a choice group's question, a row's legend — and, for
 * a field showing an error, the error. */
function probeTargets() {
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const visible = (el) => el.getClientRects().length > 0 && !(el.clientWidth <= 1 && el.clientHeight <= 1);
  let n = 0;
  const out = [];
  const add = (el, what) => {
    el.setAttribute('data-a11y-probe', String(++n));
    const msg = el.closest('.fs-field--invalid')?.querySelector(':scope > .fs-field__msgs .fs-msg--error');
    const described = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    out.push({
      probe: String(n),
      error: msg ? norm(msg.innerText) : null,
      invalid: el.getAttribute('aria-invalid'),
      describedByError: msg ? described.some((id) => document.getElementById(id)?.contains(msg)) : null,
      ...what,
    });
  };
  // The question of a field, as shown: its label cell's text (its required star and optional
  // note are the style sheet's, not text).
  const question = (field) => {
    const cell = field?.querySelector(':scope > .fs-field__label');
    return norm(cell?.textContent);
  };
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (!el.getClientRects().length) continue; // not shown (a field the answers hide)
    const label = [...el.labels].find(visible);
    const grouped = el.closest('fieldset.fs-choices');
    add(el, {
      kind: `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ''}#${el.id}`,
      label: label ? norm(label.innerText) : null,
      // Inside a choice group the group carries the error.
      ...(grouped ? { error: null, describedByError: null } : {}),
    });
  }
  // Buttons and links: their name starts with what they show (a row's 上移 is 上移编写人员 2).
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (!visible(el) || !norm(el.innerText)) continue;
    add(el, { kind: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} “${norm(el.innerText)}”`, label: norm(el.innerText), error: null });
  }
  for (const el of document.querySelectorAll('fieldset.fs-choices')) {
    if (!el.getClientRects().length) continue;
    add(el, {
      kind: `choice group in ${el.closest('[data-field]')?.dataset.field}`,
      group: el.querySelector('input[type=radio]') ? 'radiogroup' : 'group',
      label: question(el.closest('.fs-field')),
    });
  }
  for (const el of document.querySelectorAll('fieldset.fs-rows, fieldset.fs-row')) {
    if (!el.getClientRects().length) continue;
    add(el, { kind: `rows ${el.id}`, group: 'group', label: norm(el.querySelector(':scope > legend')?.innerText), row: el.classList.contains('fs-row') });
  }
  return out;
}

/** What Chromium's accessibility tree says of every probed element: role, name, description, invalid. */
async function accessibilityOf(page) {
  const targets = await page.evaluate(probeTargets);
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const probeOf = new Map();
  (function walk(node) {
    const attrs = node.attributes ?? [];
    const i = attrs.indexOf('data-a11y-probe');
    if (i >= 0 && i % 2 === 0) probeOf.set(node.backendNodeId, attrs[i + 1]);
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
  })(root);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const ax = new Map();
  for (const node of nodes) {
    const probe = probeOf.get(node.backendDOMNodeId);
    if (!probe || node.ignored) continue;
    const prop = (name) => node.properties?.find((p) => p.name === name)?.value?.value;
    ax.set(probe, { role: node.role?.value, name: node.name?.value ?? '', description: node.description?.value ?? '', invalid: prop('invalid') });
  }
  await cdp.detach();
  await page.evaluate(() => document.querySelectorAll('[data-a11y-probe]').forEach((el) => el.removeAttribute('data-a11y-probe')));
  return targets.map((t) => ({ ...t, ax: ax.get(t.probe) }));
}

const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Every control named by its visible label, every choice group by its question, every row by its
 * legend; every field with an error invalid and described by the error. Returns the failures. */
async function namingProblems(page) {
  const problems = [];
  for (const t of await accessibilityOf(page)) {
    if (!t.ax) {
      problems.push(`${t.kind}: not in the accessibility tree`);
      continue;
    }
    const name = squash(t.ax.name);
    if (!t.label) problems.push(`${t.kind}: no visible label (name “${name}”)`);
    else if (!name.startsWith(t.label)) {
      problems.push(`${t.kind}: named “${name}”, its visible label is “${t.label}”`);
    }
    if (t.group && t.ax.role !== t.group) problems.push(`${t.kind}: role ${t.ax.role}, should be ${t.group}`);
    if (t.row && !/ \d+$/.test(name)) problems.push(`${t.kind}: a row named “${name}”, without its number`);
    if (t.error) {
      const message = t.error.replace(/^(错误|Error)[:：]\s*/, '');
      if (t.invalid !== 'true') problems.push(`${t.kind}: shows “${t.error}” but has no aria-invalid="true"`);
      else if (t.ax.invalid !== 'true') problems.push(`${t.kind}: aria-invalid="true" but Chromium says invalid ${t.ax.invalid}`);
      if (!t.describedByError) problems.push(`${t.kind}: shows “${t.error}” but aria-describedby does not point at it`);
      else if (!squash(t.ax.description).includes(message)) problems.push(`${t.kind}: described as “${squash(t.ax.description)}”, not by its error “${message}”`);
    }
  }
  return problems;
}

async function assertNamed(page, where) {
  const problems = await namingProblems(page);
  assert.deepEqual(problems, [], `names, groups and errors on ${where}`);
}

test('screen-reader view: accessibility-tree snapshots of each state, names, groups, rows and errors', async () => {
  const { ctx, page, errors } = await fresh();
  await startPage(page);
  await assertAriaSnapshot(page.locator('body'), 'start');

  await openForm(page, 'tc260-wg');
  await assertNamed(page, 'the empty TC260 form');
  await assertAriaSnapshot(page.locator('body'), 'tc260-empty');
  await showErrors(page);
  // A field with an error is invalid and described by its message (checked for every such field).
  assert.ok((await page.locator('.fs-field--invalid').count()) > 10, 'errors are shown');
  await assertNamed(page, 'the TC260 form with its errors');
  await assertAriaSnapshot(page.locator('body'), 'tc260-errors');
  // The checks can fail: a name other than the label, a radio group that is not one, an error
  // not tied to its field (made by hand here, and undone).
  const undo = await page.evaluate(() => {
    const address = document.getElementById('fs-tc260-wg-address');
    const group = document.querySelector('[data-field="org_type"] fieldset');
    const uscc = document.getElementById('fs-tc260-wg-uscc');
    const described = uscc.getAttribute('aria-describedby');
    address.setAttribute('aria-label', '地址栏');
    group.removeAttribute('role');
    uscc.removeAttribute('aria-describedby');
    return described;
  });
  const sabotaged = (await namingProblems(page)).join('\n');
  assert.match(sabotaged, /#fs-tc260-wg-address: named “地址栏”, its visible label is “办公地址”/);
  assert.match(sabotaged, /choice group in org_type: role group, should be radiogroup/);
  assert.match(sabotaged, /#fs-tc260-wg-uscc: shows “错误：此项为必填项，请填写” but aria-describedby does not point at it/);
  await page.evaluate((described) => {
    document.getElementById('fs-tc260-wg-address').removeAttribute('aria-label');
    document.querySelector('[data-field="org_type"] fieldset').setAttribute('role', 'radiogroup');
    document.getElementById('fs-tc260-wg-uscc').setAttribute('aria-describedby', described);
  }, undo);
  await assertNamed(page, 'the TC260 form with its errors, undone');

  await openForm(page, 'group-std-coauthor');
  await loadComplete(page, 'group-std-coauthor');
  await page.getByRole('button', { name: '添加编写人员' }).click();
  // Rows are groups named by their number; their fields by their labels.
  const third = page.getByRole('group', { name: '编写人员 3', exact: true });
  await third.getByRole('textbox', { name: '姓名', exact: true }).waitFor();
  await page.getByRole('group', { name: '编写人员 1', exact: true }).getByRole('group', { name: '经历 2', exact: true }).waitFor();
  await assertNamed(page, 'the co-authoring form with 3 writers');
  await assertAriaSnapshot(page.locator('body'), 'coauthor-3-writers');
  await showErrors(page);
  await assertNamed(page, 'the co-authoring form with an empty third writer shown as errors');

  await openForm(page, 'aii-member');
  await showErrors(page);
  await assertNamed(page, 'the AII form with its errors');
  await loadComplete(page, 'aii-member');
  await assertNamed(page, 'the complete AII form');
  await assertAriaSnapshot(page.locator('body'), 'aii-complete');

  await openForm(page, 'tc260-wg');
  await loadComplete(page, 'tc260-wg');
  await toReview(page);
  await assertAriaSnapshot(page.locator('body'), 'review');
  await makePackage(page);
  await page.getByRole('button', { name: '备份密钥' }).click();
  await assertNamed(page, 'the package panel with the key backup form');
  await assertAriaSnapshot(page.getByRole('region', { name: '生成申请包' }), 'package-panel');
  // English names its buttons and links by what they show too (a row's “Move up” and its rows).
  await english(page);
  await assertNamed(page, 'the review page in English');
  await openForm(page, 'group-std-coauthor');
  await showErrors(page, 'en');
  await assertNamed(page, 'the co-authoring form with errors in English');
  assert.deepEqual(errors, []);
  await ctx.close();
});

/** Records, from now on, every change of the text of the element matched by `selector`. */
async function watchText(page, selector) {
  await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    const seen = (window.__watched ??= {});
    const log = (seen[selector] = { mutations: 0, texts: [] });
    let last = el.textContent;
    new MutationObserver((records) => {
      log.mutations += records.length;
      if (el.textContent !== last) log.texts.push((last = el.textContent));
    }).observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  }, selector);
  return () => page.evaluate((selector) => window.__watched[selector], selector);
}

/** The politeness of the live region `el` is in (role status or aria-live). */
const liveness = (el) => {
  const region = el.closest('[aria-live], [role=status], [role=alert], [role=log]');
  if (!region) return 'none';
  return region.getAttribute('aria-live') ?? ({ status: 'polite', log: 'polite', alert: 'assertive' })[region.getAttribute('role')];
};

/** Records what the polite live regions inside `selector` say from now on — only regions that
 * are there and shown already (a live region that appears together with its text may not be
 * announced). Resolves to a function returning the texts said. */
async function announcements(page, selector) {
  const key = await page.evaluate((selector) => {
    const root = document.querySelector(selector);
    const key = `said-${Date.now()}`;
    const regions = new Set([...root.querySelectorAll('[aria-live=polite], [role=status], [role=log]')].filter((el) => el.getClientRects().length));
    const said = (window[key] = []);
    new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        for (const region of regions) if (region.contains(node)) said.push(region.textContent);
      }
    }).observe(root, { subtree: true, childList: true, characterData: true });
    return key;
  }, selector);
  return () => page.evaluate((key) => window[key], key);
}

test('live regions: autosave status, eligibility summary and package progress are polite, and quiet while typing', async (t) => {
  const { ctx, page, errors } = await fresh();
  await openForm(page, 'tc260-wg');
  assert.equal(await page.locator('.fs-toolbar__status').evaluate(liveness), 'polite', 'the autosave status');
  assert.equal(await page.locator('.fs-elig__summary').evaluate(liveness), 'polite', 'the eligibility summary');
  const status = await watchText(page, '.fs-toolbar__status');
  const summary = await watchText(page, '.fs-elig__summary');
  // Ten keystrokes in a field eligibility does not depend on: the summary says nothing, the
  // autosave status at most that the draft was saved (and, at a minute's turn, when).
  await page.getByLabel('办公地址').pressSequentially('深圳市南山区科苑路十五', { delay: 30 });
  await page.getByText(/^已保存 \d\d:\d\d$/).waitFor();
  await page.waitForTimeout(500);
  const quiet = await summary();
  assert.deepEqual(quiet, { mutations: 0, texts: [] }, 'the eligibility summary while typing an address');
  const saved = await status();
  assert.ok(saved.texts.length >= 1 && saved.texts.length <= 2 && saved.mutations <= 4, `autosave status while typing 10 characters: ${JSON.stringify(saved)}`);
  // A field eligibility does depend on: the summary changes (so the watch above can see it), but
  // not with every character typed.
  await page.getByLabel('统一社会信用代码').pressSequentially('914403001922038216', { delay: 30 });
  await page.getByRole('region', { name: '申请条件核对' }).locator('[data-criterion="art9.1"]').getByText('待审核', { exact: true }).waitFor();
  const changed = await summary();
  assert.ok(changed.texts.length >= 1 && changed.texts.length < 18, `the summary while typing a credit code: ${JSON.stringify(changed)}`);
  t.diagnostic(`typing 10 characters of an address: summary ${quiet.texts.length} changes, status ${saved.texts.length}; 18 of a credit code: summary ${changed.texts.length}`);

  // The package: its progress and its result are said in a polite live region that was there
  // (and shown) before, not only written into the button.
  await loadComplete(page, 'tc260-wg');
  await toReview(page);
  let said = await announcements(page, '.fs-package');
  const zip = await makePackage(page);
  await page.waitForTimeout(200);
  assert.match((await said()).join('\n'), /正在生成申请包/, 'the progress is announced');
  assert.match((await said()).join('\n'), /已生成 申请包-.*\.zip（.*），并已开始下载/, 'the result is announced');
  // The verify page's verdict too.
  await page.getByRole('button', { name: '核验申请包' }).click();
  // The verify page is its own wasm: its live regions are there once it has loaded.
  await page.getByLabel('选择申请包文件').waitFor();
  said = await announcements(page, '.fs-verify');
  await page.getByLabel('选择申请包文件').setInputFiles({ name: 'package.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByText('package.zip：申请包有效').waitFor();
  assert.match((await said()).join('\n'), /package\.zip：申请包有效/, 'the verdict is announced');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('leaving a form right after typing (focus still in the field) neither breaks the page nor loses the keystrokes', async () => {
  // Found by the walks above: the autosave timer, its page-hide listeners and a focused field's
  // focusout used to reach the form's state after it was gone (a panic: “unreachable”).
  const { ctx, page, errors } = await fresh();
  await openForm(page, 'tc260-wg');
  await page.getByLabel('办公地址').fill('广东省深圳市');
  await openForm(page, 'group-std-coauthor');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.getByLabel('单位名称').fill('北京示例');
  await startPage(page);
  await page.getByText('已有草稿：北京示例').waitFor();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('formseal:tc260-wg:draft')).answers.address);
  assert.equal(saved, '广东省深圳市', 'the last keystrokes before leaving are saved');
  assert.deepEqual(errors, []);
  await ctx.close();
});
