// End to end: accessibility (issue 18) — 200 % zoom and phones (640 × 800 and 360 × 740: no
// horizontal scrolling, no text cut off, every control on screen, full-page screenshots compared
// with references), the screen-reader view (accessibility-tree snapshots compared with
// tests/e2e/aria/*.yml; names, groups, rows, errors and live regions checked in the DOM and in
// Chromium's accessibility tree) and axe-core's WCAG 2.2 AA rules on every state, in Chinese and
// English. FORMSEAL_UPDATE_REFERENCES=1 rewrites the screenshots and the snapshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './support.mjs';

const env = useBrowser(before, after);
const UPDATE = Boolean(process.env.FORMSEAL_UPDATE_REFERENCES);
const REFS = 'tests/e2e/refs';
const ARIA = 'tests/e2e/aria';

// 1280 × 800 at 200 % zoom, and a small phone.
const ZOOM = { width: 640, height: 800 };
const PHONE = { width: 360, height: 740 };

const FORMS = {
  'tc260-wg': 'fixtures/tc260-complete.json',
  'group-std-coauthor': 'fixtures/coauthor-complete.json',
  'aii-member': 'fixtures/aii-complete.json',
};

// The few words the tests click or wait for, per language.
const WORDS = {
  zh: { review: '核对信息', import: '导入草稿', imported: '已导入草稿 draft.json', saved: '已保存' },
  en: { review: 'Review answers', import: 'Import draft', imported: 'Imported the draft draft.json', saved: 'Saved' },
};

/** A blank page where screenshots are scaled and compared (a canvas: no npm dependency). */
async function canvasPage() {
  env.canvas ??= await (await env.browser.newContext()).newPage();
  return env.canvas;
}

/** A fresh context (empty storage) and page at `viewport`. */
async function fresh(viewport = { width: 1280, height: 800 }) {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { ctx, page, errors };
}

async function startPage(page) {
  await page.goto(env.server.url);
  await page.locator('.fs-home__item a').first().waitFor();
}

async function openForm(page, form) {
  await page.goto(`${env.server.url}#/${form}`);
  await page.locator('.fs-form .fs-section').first().waitFor();
}

/** Imports the form's complete fixture as a draft (the toolbar's 导入草稿). */
async function loadComplete(page, form, lang = 'zh') {
  const words = WORDS[lang];
  await page.getByLabel(words.import).setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: await readFile(FORMS[form]) });
  await page.getByText(words.imported).waitFor();
  await page.locator('.fs-toolbar__status', { hasText: words.saved }).waitFor();
}

/** Tries to continue with errors: the summary and every field's message are shown. */
async function showErrors(page, lang = 'zh') {
  await page.getByRole('button', { name: WORDS[lang].review }).click();
  await page.locator('.fs-summary[role="alert"]').waitFor();
  await page.locator('.fs-field--invalid').first().waitFor();
}

async function toReview(page, lang = 'zh') {
  await page.getByRole('button', { name: WORDS[lang].review, exact: true }).click();
  await page.locator('.fs-review .fs-package').waitFor();
}

async function english(page) {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: '中文' }).waitFor();
}

/** Makes the package; resolves to its bytes. */
async function makePackage(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const file = join(await mkdtemp(join(tmpdir(), 'formseal-a11y-')), 'package.zip');
  await (await download).saveAs(file);
  await page.locator('.fs-package__done:not([hidden])').waitFor();
  return readFile(file);
}

// ---------------------------------------------------------------------------------------------
// Layout at 200 % zoom and on phones

/** Runs in the page: what does not fit — horizontal page scroll, text cut off by its box,
 * controls and text outside the viewport. */
function layoutProblems() {
  const W = window.innerWidth;
  const problems = [];
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}> “${text}”`;
  };
  const rendered = (el) => el.getClientRects().length > 0;
  // Visually hidden text (1 × 1 px, clipped) is for screen readers, not cut off.
  const srOnly = (el) => el.clientWidth <= 1 && el.clientHeight <= 1;
  const { scrollWidth } = document.documentElement;
  if (scrollWidth > W) problems.push(`the page scrolls horizontally: scrollWidth ${scrollWidth} > ${W}`);
  for (const el of document.body.querySelectorAll('*')) {
    // A text control's value scrolls inside it by design.
    if (el.matches('input, textarea, select, option') || !rendered(el) || srOnly(el)) continue;
    const cs = getComputedStyle(el);
    const clipsX = /hidden|clip/.test(cs.overflowX) || cs.textOverflow === 'ellipsis';
    if (clipsX && el.scrollWidth > el.clientWidth + 1) problems.push(`text cut off (${el.scrollWidth} px in ${el.clientWidth}): ${describe(el)}`);
    if (/hidden|clip/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) {
      problems.push(`text cut off (${el.scrollHeight} px high in ${el.clientHeight}): ${describe(el)}`);
    }
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
    if (ownText) {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > W + 1) problems.push(`text outside the viewport (${Math.round(r.left)}…${Math.round(r.right)} of 0…${W}): ${describe(el)}`);
    }
  }
  for (const el of document.body.querySelectorAll('input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])')) {
    const r = el.getBoundingClientRect();
    if (!rendered(el) || (r.width === 0 && r.height === 0)) continue;
    if (r.left < -0.5 || r.right > W + 0.5) problems.push(`control outside the viewport (${Math.round(r.left)}…${Math.round(r.right)} of 0…${W}): ${describe(el)}`);
  }
  return problems;
}

/** The layout problems while `css` is added to the page (removed again after). */
async function problemsWith(page, css) {
  const style = await page.addStyleTag({ content: css });
  try {
    return await page.evaluate(layoutProblems);
  } finally {
    await style.evaluate((el) => el.remove());
  }
}

async function assertFits(page, where) {
  assert.deepEqual(await page.evaluate(layoutProblems), [], `layout at ${page.viewportSize().width} px: ${where}`);
}

// Screenshots are compared at a quarter of their size, in grey: a pixel differs when its grey
// differs by more than PIXEL_DELTA of 255; a page differs when more than MAX_DIFFERING of its
// pixels do, or its height differs by more than MAX_HEIGHT_CHANGE. The references are stored at
// that scale (small PNGs: what is compared, and enough to see the layout).
const SCALE = 4;
const PIXEL_DELTA = 40;
const MAX_DIFFERING = 0.01;
const MAX_HEIGHT_CHANGE = 0.03;

// Hidden for screenshots only: the autosave time (已保存 hh:mm) changes by the minute.
const SCREENSHOT_CSS = '.fs-toolbar__status { visibility: hidden !important; }';

/** Runs in the blank page: scales a screenshot (base64 PNG) down and to grey; compares it with a
 * reference (base64 PNG, already scaled) if given. */
async function scaleAndCompare([shot, ref, { SCALE, PIXEL_DELTA }]) {
  const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
  const canvas = (w, h) => {
    const c = new OffscreenCanvas(w, h);
    return [c, c.getContext('2d', { willReadFrequently: true })];
  };
  const toBase64 = async (c) => {
    const blob = await c.convertToBlob({ type: 'image/png' });
    const url = await new Promise((ok) => {
      const reader = new FileReader();
      reader.onload = () => ok(reader.result);
      reader.readAsDataURL(blob);
    });
    return url.slice(url.indexOf(',') + 1);
  };
  const img = await load(shot);
  const [w, h] = [Math.round(img.width / SCALE), Math.round(img.height / SCALE)];
  const [c, g] = canvas(w, h);
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'high';
  g.drawImage(img, 0, 0, w, h);
  const data = g.getImageData(0, 0, w, h);
  const p = data.data;
  for (let i = 0; i < p.length; i += 4) {
    // 16 levels of grey (steps of 17, far below PIXEL_DELTA) keep the references small.
    const grey = Math.round((0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2]) / 17) * 17;
    p[i] = p[i + 1] = p[i + 2] = grey;
    p[i + 3] = 255;
  }
  g.putImageData(data, 0, 0);
  const result = { scaled: await toBase64(c), width: w, height: h };
  if (!ref) return result;
  const r = await load(ref);
  Object.assign(result, { refWidth: r.width, refHeight: r.height });
  if (r.width !== w) return result;
  const rh = Math.min(r.height, h);
  const [, rg] = canvas(w, rh);
  rg.drawImage(r, 0, 0);
  const q = rg.getImageData(0, 0, w, rh).data;
  // The differing pixels in red on the new picture, for whoever looks at a failure.
  const [dc, dg] = canvas(w, rh);
  const diff = dg.createImageData(w, rh);
  // A pixel differs when no reference pixel at or next to its place (±1 px here, ±SCALE px on
  // the page) is within PIXEL_DELTA of it: a line of text moved by a pixel or two is not a change.
  let differing = 0;
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      let d = true;
      for (let dy = -1; dy <= 1 && d; dy++) {
        for (let dx = -1; dx <= 1 && d; dx++) {
          const [xx, yy] = [x + dx, y + dy];
          if (xx >= 0 && xx < w && yy >= 0 && yy < rh && Math.abs(p[i] - q[(yy * w + xx) * 4]) <= PIXEL_DELTA) d = false;
        }
      }
      if (d) differing++;
      diff.data.set(d ? [255, 0, 0, 255] : [p[i], p[i], p[i], 90], i);
    }
  }
  dg.putImageData(diff, 0, 0);
  return Object.assign(result, { differing: differing / (w * rh), diff: await toBase64(dc) });
}

/** A full-page screenshot, settled (fonts loaded, two frames, nothing focused), scaled. */
async function screenshot(page, css = '') {
  await page.evaluate(async () => {
    document.activeElement?.blur?.();
    await document.fonts.ready;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  });
  return page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', style: SCREENSHOT_CSS + css });
}

/** Compares a screenshot with reference `name`; resolves to the comparison's verdict. */
async function compareWith(name, shot) {
  const file = join(REFS, `${name}.png`);
  const ref = existsSync(file) ? (await readFile(file)).toString('base64') : null;
  const r = await (await canvasPage()).evaluate(scaleAndCompare, [shot.toString('base64'), ref, { SCALE, PIXEL_DELTA }]);
  const problems = [];
  if (!ref) problems.push(`no reference ${file}: FORMSEAL_UPDATE_REFERENCES=1 makes it`);
  else if (r.refWidth !== r.width) problems.push(`width ${r.width} px, reference ${r.refWidth} px (at 1/${SCALE})`);
  else {
    const change = Math.abs(r.height - r.refHeight) / r.refHeight;
    if (change > MAX_HEIGHT_CHANGE) problems.push(`height ${r.height} px, reference ${r.refHeight} px (${(change * 100).toFixed(1)} %)`);
    if (r.differing > MAX_DIFFERING) problems.push(`${(r.differing * 100).toFixed(2)} % of the pixels differ (at most ${MAX_DIFFERING * 100} % may)`);
  }
  return { ...r, file, problems };
}

/** Asserts that the page looks like reference `name` (or rewrites it with FORMSEAL_UPDATE_REFERENCES). */
async function assertLooksLike(page, name) {
  const r = await compareWith(name, await screenshot(page));
  if (UPDATE) {
    await mkdir(REFS, { recursive: true });
    await writeFile(r.file, Buffer.from(r.scaled, 'base64'));
    return;
  }
  if (r.problems.length) {
    const out = await mkdtemp(join(tmpdir(), `formseal-${name}-`));
    await writeFile(join(out, 'actual.png'), Buffer.from(r.scaled, 'base64'));
    if (r.diff) await writeFile(join(out, 'diff.png'), Buffer.from(r.diff, 'base64'));
    assert.fail(`${name} does not look like ${r.file}: ${r.problems.join('; ')} (picture and differences in ${out})`);
  }
}

/** Every layout state at one viewport — the start page, each form empty and complete, the review
 * page — with screenshots of the start page, the complete forms and the review page (5 a size). */
async function layoutAt(viewport) {
  const tag = viewport.width;
  const { ctx, page, errors } = await fresh(viewport);
  await startPage(page);
  await assertFits(page, 'start page');
  await assertLooksLike(page, `${tag}-start`);
  for (const [form, short] of [['tc260-wg', 'tc260'], ['group-std-coauthor', 'coauthor'], ['aii-member', 'aii']]) {
    await openForm(page, form);
    await assertFits(page, `${form}, empty`);
    await loadComplete(page, form);
    await assertFits(page, `${form}, complete`);
    await assertLooksLike(page, `${tag}-${short}-complete`);
  }
  await openForm(page, 'tc260-wg');
  await toReview(page);
  await assertFits(page, 'review page (TC260)');
  await assertLooksLike(page, `${tag}-review`);
  // The package panel's key import form open.
  await page.getByRole('button', { name: '导入密钥' }).click();
  await assertFits(page, 'review page with the key import form');
  assert.deepEqual(errors, []);
  await ctx.close();
}

test('at 640 × 800 (1280 × 800 at 200 %): no horizontal scrolling, nothing cut off, every control on screen, as the references', async () => {
  await layoutAt(ZOOM);
});

test('at 360 × 740 (a phone): no horizontal scrolling, nothing cut off, every control on screen, as the references', async () => {
  await layoutAt(PHONE);
  // English is longer: its start page, a form with its errors and the review page fit too.
  const { ctx, page } = await fresh(PHONE);
  await startPage(page);
  await english(page);
  await assertFits(page, 'start page in English');
  await openForm(page, 'tc260-wg');
  await showErrors(page, 'en');
  await assertFits(page, 'TC260 form with errors in English');
  await loadComplete(page, 'tc260-wg', 'en');
  await toReview(page, 'en');
  await assertFits(page, 'review page in English');
  await ctx.close();
});

test('the layout checks and the screenshot comparison fail on a broken layout, and tolerate rendering noise', async (t) => {
  const { ctx, page } = await fresh(PHONE);
  await openForm(page, 'tc260-wg');
  await loadComplete(page, 'tc260-wg');
  const ref = `${PHONE.width}-tc260-complete`;
  const share = (r) => `${(r.differing * 100).toFixed(2)} %`;
  const unchanged = await compareWith(ref, await screenshot(page));
  assert.deepEqual(unchanged.problems, [], 'the unchanged page matches its reference');
  // Noise: glyphs rasterised heavier (as by another font renderer), the page moved by 2 × 1 px.
  const noise = [];
  for (const css of ['.fs-root { -webkit-text-stroke: 0.3px currentColor; }', '.fs-root { position: relative; top: 2px; left: 1px; }']) {
    const r = await compareWith(ref, await screenshot(page, css));
    assert.deepEqual(r.problems, [], `tolerated: ${css}`);
    noise.push(share(r));
  }
  // Broken layouts: a label column back on the phone (which the DOM checks below do not see: it
  // fits), one section's answers squeezed, the declarations' label cells gone.
  const labelColumn = '.fs-field, .fs-row__fields .fs-field { grid-template-columns: 7em minmax(0, 1fr) !important; }';
  const broken = [];
  for (const css of [labelColumn, '.fs-section:first-of-type .fs-field__body { padding-right: 120px; }', '.fs-field--agree .fs-field__label { display: none; }']) {
    const r = await compareWith(ref, await screenshot(page, css));
    assert.ok(r.problems.length > 0, `caught: ${css} (${share(r)} differ)`);
    broken.push(share(r));
  }
  t.diagnostic(`pixels differing: unchanged ${share(unchanged)}; noise ${noise.join(', ')}; broken layouts ${broken.join(', ')}`);
  assert.deepEqual(await problemsWith(page, labelColumn), [], 'a label column on a phone still fits: only the screenshot sees it');
  // The DOM checks: a widget wider than the phone, a title cut off with an ellipsis, a button pushed off screen.
  assert.match((await problemsWith(page, '.fs-root { min-width: 420px; }')).join('\n'), /the page scrolls horizontally: scrollWidth \d+ > 360/);
  const ellipsis = '.fs-header__title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }';
  assert.match((await problemsWith(page, ellipsis)).join('\n'), /text cut off \(\d+ px in \d+\): <h1[^>]*fs-header__title/);
  const pushed = '.fs-form .fs-btn--primary { margin-left: 300px; }';
  assert.match((await problemsWith(page, pushed)).join('\n'), /control outside the viewport .*<button[^>]*fs-btn--primary> “核对信息”/);
  assert.deepEqual(await page.evaluate(layoutProblems), [], 'and nothing once the injected styles are gone');
  await ctx.close();
});

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
    const msg = el.closest('.fs-field--invalid')?.querySelector(':scope > .fs-field__body > .fs-field__msgs .fs-msg--error, :scope > .fs-field__msgs .fs-msg--error');
    const described = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    out.push({
      probe: String(n),
      error: msg ? norm(msg.innerText) : null,
      invalid: el.getAttribute('aria-invalid'),
      describedByError: msg ? described.some((id) => document.getElementById(id)?.contains(msg)) : null,
      ...what,
    });
  };
  // The question of a field, as shown: its label cell without the required / optional marker.
  const question = (field) => {
    const cell = field?.querySelector(':scope > .fs-field__label')?.cloneNode(true);
    cell?.querySelectorAll('.fs-field__req, .fs-field__optional').forEach((m) => m.remove());
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
  said = await announcements(page, '.fs-verify');
  await page.getByLabel('选择申请包文件').setInputFiles({ name: 'package.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByText('package.zip：申请包有效').waitFor();
  assert.match((await said()).join('\n'), /package\.zip：申请包有效/, 'the verdict is announced');
  assert.deepEqual(errors, []);
  await ctx.close();
});

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
