// The applicant's keyboard for the keyboard-only tests (issue 18): every key followed by a check
// that focus is on a control, visible, and never on <body>; Tab-to-a-control by name and role;
// the steps every form shares (continue, fix from the summary, make and verify the package).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './support.mjs';

export const env = useBrowser(before, after);
export const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

/** Installed in the page before the app loads: how to describe and name the focused element, and a
 * watcher that notes whenever focus stays on <body> for three frames in a row (a control removed
 * while focused, a page changed), whenever that happens — not only right after a key. */
export function focusProbe() {
  const squeeze = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  const name = (el) => {
    if (!el || el === document.body) return '';
    if (el.getAttribute('aria-labelledby')) return squeeze(byIds(el.getAttribute('aria-labelledby')));
    if (el.getAttribute('aria-label')) return squeeze(el.getAttribute('aria-label'));
    if (el.labels?.length) return squeeze(el.labels[0].textContent);
    return squeeze(el.textContent);
  };
  const role = (el) => {
    if (el.getAttribute('role')) return el.getAttribute('role');
    const tag = el.tagName.toLowerCase();
    if (tag === 'a') return 'link';
    if (tag === 'button') return 'button';
    if (tag === 'select') return 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'input') return { radio: 'radio', checkbox: 'checkbox', file: 'file', date: 'date' }[el.type] ?? 'textbox';
    return tag;
  };
  // The names of what a control is in: its fieldsets' legends and its section's title.
  const within = (el) => {
    const names = [];
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === 'FIELDSET' && p.querySelector(':scope > legend')) names.push(squeeze(p.querySelector(':scope > legend').textContent));
      if (p.getAttribute('aria-labelledby') && p !== el) names.push(squeeze(byIds(p.getAttribute('aria-labelledby'))));
    }
    return names;
  };
  const describe = (el) => {
    if (!el) return 'nothing';
    if (el === document.body) return '<body>';
    const type = el.tagName === 'INPUT' ? `[type=${el.type}]` : '';
    const what = `<${el.tagName.toLowerCase()}${type}${el.id ? `#${el.id}` : ''}> ${role(el)} “${name(el).slice(0, 60)}”`;
    if (!el.isConnected) return `${what} (since removed from the page)`;
    const s = getComputedStyle(el);
    return `${what} (outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow}${el.disabled ? ', disabled' : ''})`;
  };
  const ring = (el) => {
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
  };
  const active = () => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el;
  };
  /** Is the focused element's ring visible? A visually hidden control (1×1, like the draft import's
   * file input) shows its ring on its label, which is what the applicant sees. */
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width > 1 && r.height > 1) return ring(el);
    return [...(el.labels ?? [])].some((l) => l.getBoundingClientRect().width > 1 && ring(l));
  };
  const watch = { armed: false, last: null, lost: [], frames: 0 };
  document.addEventListener('focusin', (e) => { watch.last = e.composedPath()[0]; }, true);
  const tick = () => {
    const el = active();
    if (watch.armed && (!el || el === document.body)) {
      if (++watch.frames === 3) watch.lost.push(`focus fell to <body>; it was last on ${describe(watch.last)}`);
    } else watch.frames = 0;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__kb = {
    watch,
    info: () => {
      const el = active();
      return { name: el ? name(el) : '', role: el && el !== document.body ? role(el) : '', within: el ? within(el) : [], id: el?.id ?? '' };
    },
    /** Waits three frames (the app moves focus on the next one), then: where focus is, whether
     * it is lost or invisible, and what the watcher saw meanwhile. */
    settle: () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => {
      watch.armed = true;
      const el = active();
      const lost = !el || el === document.body || el === document.documentElement;
      const seen = watch.lost.splice(0);
      ok({ lost, visible: !lost && visible(el), desc: describe(el), last: describe(watch.last), seen });
    })))),
    /** Where the first control matching `m` is, relative to focus: 1 after, -1 before, 0 none. */
    direction: (m) => {
      const test = (el) => matches(el, m);
      const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')].filter((el) => el.offsetParent !== null || el.getClientRects().length);
      const target = all.find(test);
      const el = active();
      if (!target || !el || el === document.body) return 0;
      return el.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1;
    },
    matches: (m) => matches(active(), m),
  };
  function matches(el, m) {
    if (!el || el === document.body) return false;
    const n = name(el);
    const ok = m.name.regex ? new RegExp(m.name.regex, m.name.flags).test(n) : n === m.name.text;
    const around = within(el);
    return ok && (!m.role || role(el) === m.role) && (m.within ?? []).every((w) => around.includes(w));
  }
}

/** A matcher for `tabTo`: an accessible name (string: exact; RegExp), optionally with a role and
 * the names of fieldsets or sections it is in (`within`: one name or several, all required):
 * `{ name, role, within }`. */
export const spec = (m) => (typeof m === 'string' || m instanceof RegExp ? { name: m } : m);
export function toMatcher(m) {
  const { name, role, within } = spec(m);
  return {
    name: name instanceof RegExp ? { regex: name.source, flags: name.flags } : { text: name },
    role,
    within: within === undefined ? [] : [].concat(within),
  };
}
export const show = (m) => {
  const { name, role, within } = spec(m);
  const where = within === undefined ? '' : ` in ${[].concat(within).map((w) => `“${w}”`).join(' › ')}`;
  return `${role ?? 'control'} ${name instanceof RegExp ? name : `“${name}”`}${where}`;
};

/** The applicant's keyboard: every key is followed by the focus check; violations are collected. */
export class Keyboard {
  constructor(page) {
    this.page = page;
    this.violations = [];
    this.trail = [];
    this.lostFrom = null; // while focus stays lost, the loss is reported once
  }

  /** Presses a key, then checks that focus is on a control and visible. */
  async press(key, why = '') {
    await this.page.keyboard.press(key);
    await this.check(`after ${key}${why ? ` (${why})` : ''}`);
  }

  /** Checks focus now (after the page settled): call it again once an action's result is in. */
  async check(when) {
    const f = await this.page.evaluate(() => window.__kb.settle());
    this.trail.push(f.desc);
    if (this.trail.length > 8) this.trail.shift();
    if (!f.lost) for (const s of f.seen) this.violations.push(`${when}: ${s}`);
    if (f.lost && this.lostFrom !== f.last) this.violations.push(`${when}: focus is on ${f.desc}; it was last on ${f.last}`);
    else if (!f.lost && !f.visible) this.violations.push(`${when}: focus is not visible on ${f.desc}`);
    this.lostFrom = f.lost ? f.last : null;
  }

  /** Types text into the focused field (no focus moves: checked by the next key). */
  async type(text) {
    await this.page.keyboard.type(text);
  }

  /** Presses Tab, or Shift+Tab when the control is above, until focus is on a control matching
   * `matcher`; fails after `max` presses with what focus went through. */
  async tabTo(matcher, { max = 120, back } = {}) {
    const m = toMatcher(matcher);
    if (await this.page.evaluate((m) => window.__kb.matches(m), m)) return;
    if (back === undefined) back = (await this.page.evaluate((m) => window.__kb.direction(m), m)) < 0;
    const key = back ? 'Shift+Tab' : 'Tab';
    for (let i = 0; i < max; i++) {
      await this.press(key, `looking for ${show(matcher)}`);
      if (await this.page.evaluate((m) => window.__kb.matches(m), m)) return;
    }
    assert.fail(`${show(matcher)} not reached with ${max} × ${key}; focus went through:\n  ${this.trail.join('\n  ')}${this.report()}`);
  }

  /** Where focus is: name, role, the fieldsets and section around it, id. */
  focused() {
    return this.page.evaluate(() => window.__kb.info());
  }

  /** Asserts that focus is on a control matching `matcher`. */
  async expectFocus(matcher, what) {
    const ok = await this.page.evaluate((m) => window.__kb.matches(m), toMatcher(matcher));
    assert.ok(ok, `${what}: focus should be on ${show(matcher)}, it is on ${JSON.stringify(await this.focused())}${this.report()}`);
  }

  /** Tabs to a field and types into it. */
  async fill(matcher, text) {
    await this.tabTo(matcher);
    await this.type(text);
  }

  /** Tabs to a check box and ticks it with Space. */
  async tick(matcher) {
    await this.tabTo({ ...spec(matcher), role: 'checkbox' });
    await this.press('Space', 'tick');
  }

  /** Tabs into a radio group (by its legend, and the row it is in if any) and chooses `option`:
   * Space on the first option, otherwise ArrowDown until it is reached (arrows select as they
   * move). */
  async choose(group, option, { row } = {}) {
    const within = row ? [row, group] : [group];
    await this.tabTo({ name: /./, role: 'radio', within });
    if ((await this.focused()).name === option) {
      await this.press('Space', `choose ${option}`);
      return;
    }
    for (let i = 0; i < 10 && (await this.focused()).name !== option; i++) await this.press('ArrowDown', `towards ${option}`);
    await this.expectFocus({ name: option, role: 'radio', within }, `${group}: ${option}`);
  }

  /** Types a date into the focused date control, in the order of the segments the browser shows
   * (month/day/year here; year/month/day with a Chinese browser locale): tries each order,
   * separating segments with "/", which moves to the next segment. */
  async typeDate(iso, label) {
    const [y, m, d] = iso.split('-');
    const date = { name: label, role: 'date' };
    for (const order of [[m, d, y], [y, m, d], [d, m, y]]) {
      await this.tabTo(date);
      await this.type(order.join('/'));
      if ((await this.page.evaluate(() => document.activeElement.value)) === iso) return;
      // Not this order: out of the control backwards (segment by segment), and in again on
      // its first segment.
      for (let i = 0; i < 4 && (await this.page.evaluate((m) => window.__kb.matches(m), toMatcher(date))); i++) {
        await this.press('Shift+Tab');
      }
      await this.press('Tab');
    }
    assert.fail(`could not type ${iso} into ${label}`);
  }

  report() {
    return this.violations.length ? `\nfocus problems so far:\n  ${this.violations.join('\n  ')}` : '';
  }

  /** Fails with every focus problem seen. */
  assertFocusKept() {
    assert.deepEqual(this.violations, [], `focus was lost or invisible:${this.report()}`);
  }
}

export function open(form, waitFor) {
  return openAt(`#/${form}`, waitFor);
}

/** Opens `path` of the test server (the demo page's `#/<form>`, or a host page) with the focus
 * probe, once the field labelled `waitFor` is there. */
export async function openAt(path, waitFor) {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.addInitScript(focusProbe);
  await page.goto(`${env.server.url}${path}`);
  await page.getByLabel(waitFor, { exact: true }).first().waitFor();
  return { ctx, page, errors, kb: new Keyboard(page) };
}

/** Continues with errors left: Enter on 核对信息 shows the error summary and focuses it; the
 * applicant Tabs to the link of `error` and follows it with Enter: focus lands on `field`. */
export async function fixFromSummary(kb, page, error, field) {
  await kb.tabTo({ name: '核对信息', role: 'button' });
  await kb.press('Enter', 'continue with an answer missing');
  const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
  await summary.waitFor();
  await kb.check('after the error summary appeared');
  assert.match((await kb.focused()).id, /\.summary$/, 'focus goes to the error summary');
  const links = await summary.getByRole('link').allInnerTexts();
  assert.ok(links.some((l) => error.test(l)), `the summary lists ${error}: ${links.join(' | ')}`);
  await kb.tabTo({ name: error, role: 'link' }, { max: 20 });
  await kb.press('Enter', 'follow the error link');
  await kb.expectFocus(field, 'after following the error link');
}

/** Continues to the review page: focus goes to its heading. */
export async function continueToReview(kb, page) {
  await kb.tabTo({ name: '核对信息', role: 'button' }, { max: 250 });
  await kb.press('Enter', 'continue to the review page');
  await page.getByRole('heading', { name: '生成申请包' }).waitFor();
  await kb.check('on the review page');
  await kb.expectFocus({ name: '核对信息', role: 'h2' }, 'the review page');
}

/** On the review page: Tab to 生成并下载申请包, Enter, and the package is downloaded; `formseal
 * verify` accepts it. Returns `formseal inspect`'s view of it and verify's report. */
export async function makePackage(kb, page, dirName) {
  await kb.tabTo({ name: '生成并下载申请包', role: 'button' }, { max: 250 });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await kb.press('Enter', 'make the package');
  const file = await download;
  await kb.check('after the package was downloaded');
  const zip = join(await mkdtemp(join(tmpdir(), `formseal-keyboard-${dirName}-`)), 'package.zip');
  await file.saveAs(zip);
  let verify;
  try {
    verify = { code: 0, report: JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' })) };
  } catch (e) {
    verify = { code: e.status, report: JSON.parse(e.stdout) };
  }
  assert.equal(verify.code, 0, `formseal verify: ${JSON.stringify(verify.report.problems)}${kb.report()}`);
  assert.equal(verify.report.status, 'valid');
  const inspected = JSON.parse(execFileSync(FORMSEAL, ['inspect', zip], { encoding: 'utf8' }));
  return { answers: inspected.answers, report: verify.report };
}
