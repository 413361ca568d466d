// End to end: accessibility at 200 % zoom and on phones (issue 18) — 640 × 800 and 360 × 740: no
// horizontal scrolling, no text cut off, every control on screen, full-page screenshots compared
// with references (tests/e2e/refs/). FORMSEAL_UPDATE_REFERENCES=1 rewrites them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPDATE, REFS, ZOOM, PHONE, canvasPage, fresh, startPage, openForm, loadComplete, showErrors, toReview, english } from './a11y-support.mjs';

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
  for (const css of [labelColumn, '.fs-section:first-of-type .fs-field { padding-right: 120px; }', '.fs-field--agree .fs-field__label { display: none; }']) {
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
