// formseal, for host pages: one classic script defines <formseal-form> and window.formseal.mount().
//
//   <script src="/formseal/formseal.js" defer></script>
//   <formseal-form form="tc260-wg" lang="zh-CN" draft-key="tc260-2026" config='{…}'></formseal-form>
//   <formseal-form definition="/forms/my-form.json"></formseal-form>      (a host's own form)
//
// The widget renders in a shadow root (the host's CSS cannot reach it, its CSS cannot reach the
// host), loads its wasm from the folder of this file, and sends its host element the events
// formseal:ready, formseal:change, formseal:package-ready and formseal:error (see formseal.d.ts).
// No inline script and no eval: it runs under `script-src 'self' 'wasm-unsafe-eval'`.
//
// A copy of the page saved with the browser's "Save page as… (complete)" works from disk with no
// network: this script adds `<script type="text/plain" data-formseal-saved src=".../formseal-saved.js">`
// to the page (never fetched online: its type is not JavaScript), which the browser saves with the
// page; opened from file://, where module scripts, fetch() and workers from files are refused, this
// script (classic, so it runs there) loads that file as a classic script — the widget, its worker,
// fonts and texts inline — and mounts the widgets from it.
(() => {
if (globalThis.formseal?.mount) return;

// This file's folder: the classic script's own address (or, loaded as a module, its tag's).
const self = document.currentScript ?? [...document.scripts].find((s) => /\/formseal\.js([?#]|$)/.test(s.src));
const base = new URL('./', self?.src || location.href).href;
const fromDisk = location.protocol === 'file:';
let loading;

/**
 * A saved-copy tag of the page (added online; in a saved copy, the browser's copy of it), found
 * by its attribute: `data-formseal-saved` names the bundle, `data-formseal-saved-pages` the package
 * pages' script (a file of the copy, so that a copy under the host's CSP needs no `blob:` script).
 */
function savedTag(attr = 'data-formseal-saved', file = 'formseal-saved.js') {
  let tag = document.querySelector(`script[${attr}]`);
  if (!tag && !fromDisk) {
    tag = document.createElement('script');
    tag.type = 'text/plain';
    tag.setAttribute(attr, '');
    tag.src = new URL(file, base).href;
    document.head.append(tag);
  }
  return tag;
}
savedTag();
savedTag('data-formseal-saved-pages', 'formseal-intake.js');

/** The saved-copy bundle, run as a classic script (from file://): resolves to its glue. */
function loadSaved() {
  return new Promise((resolve, reject) => {
    const tag = savedTag();
    if (!tag?.src) return reject(new Error('formseal-saved.js is not in this copy of the page'));
    const script = document.createElement('script');
    script.src = tag.src;
    script.onload = () => resolve(globalThis.formsealSaved);
    script.onerror = () => reject(new Error(`${tag.src} could not be read`));
    document.head.append(script);
  }).then(async (saved) => {
    const pages = savedTag('data-formseal-saved-pages');
    if (pages?.src) Object.defineProperty(globalThis.FORMSEAL_OFFLINE, 'intake', { value: pages.src });
    await saved.start();
    return saved.glue;
  });
}

/**
 * The widget's style sheet, once for the whole page, as a constructed sheet each shadow root
 * adopts: no `<link>` in the shadow root, which a saved copy of the page would keep and fetch
 * from the network again (and no inline `<style>` for a CSP to refuse).
 */
let styles;
function sheet() {
  styles ??= (fromDisk ? load().then(() => globalThis.formsealSaved.css) : fetch(new URL('formseal.css', base)).then((r) => {
    if (!r.ok) throw new Error(`formseal.css: HTTP ${r.status}`);
    return r.text();
  })).then((css) => {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  });
  return styles;
}

/**
 * The forms the page's widgets will open start downloading with the wasm, not after it (issue 16:
 * time to interactive): a fixed form's definition, or the start page's list and the form the
 * address names (`#/<id>`). The widget takes each response once (`FORMSEAL_PREFETCH`, by file).
 */
function prefetch() {
  const files = new Set();
  for (const el of document.querySelectorAll('formseal-form, [data-formseal]')) {
    const attr = (name) => el.getAttribute(name) || el.getAttribute(`data-${name}`);
    if (attr('definition')) continue;
    if (attr('form')) files.add(`forms/${attr('form')}.json`);
    else {
      files.add('forms/index.json');
      const id = /^#\/([a-z0-9-]+)$/.exec(location.hash)?.[1];
      if (id && id !== 'verify' && id !== 'intake') files.add(`forms/${id}.json`);
    }
  }
  const store = (globalThis.FORMSEAL_PREFETCH ??= {});
  for (const file of files) store[file] ??= fetch(new URL(file, base)).catch(() => undefined);
}

/** Loads the widget's wasm once for the whole page; resolves to the wasm-bindgen glue. */
function load() {
  // Where the widget's other files are, for the page's `data-formseal` elements (the widgets
  // mounted by `mount` are told by it).
  globalThis.FORMSEAL_BASE ??= base;
  if (!loading && !fromDisk) prefetch();
  loading ??= fromDisk
    ? loadSaved()
    : ((wasm) => import(new URL('formseal-app.js', base).href).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue;
    }))(fetch(new URL('formseal-app_bg.wasm', base))); // with the glue, not after it
  return loading;
}

// The texts shown when the widget cannot start, in the page's language: `{{<locale>:<key>}}` is the
// catalogue's text (crates/formseal-core/src/messages/*/web.txt), put in by scripts/messages.mjs
// when the widget is built.
const LOAD_FAILED = {
  'zh-CN': '{{zh-CN:web.load_failed}}',
  en: '{{en:web.load_failed}}',
};

// The widget served from another origin (a CDN, the standards body's asset server) that does not
// let this page read its files: what the host's web team must change.
const CROSS_ORIGIN = {
  'zh-CN': '{{zh-CN:web.cross_origin}}',
  en: '{{en:web.cross_origin}}',
};

function emit(element, name, detail) {
  element.dispatchEvent(new CustomEvent(`formseal:${name}`, { detail, bubbles: true, composed: true }));
}

/** Sets the theme's custom properties (`{ 'color-primary': '#0b57d0' }` or `{ '--fs-radius': '8px' }`). */
function applyTheme(element, theme) {
  for (const [name, value] of Object.entries(theme ?? {})) {
    element.style.setProperty(name.startsWith('--') ? name : `--fs-${name}`, String(value));
  }
}

/**
 * Mounts a widget into `element` (in a shadow root of its own) and resolves to its handle:
 * getData(), setData(draft), validate(), reset(). Options: form, lang, config (object or JSON
 * text), draftKey, theme, endpoint, definition (a host's own form: the definition object, its
 * JSON text, or its URL).
 */
async function mount(element, options = {}) {
  // A saved copy holds the widget as it was drawn (a declarative shadow root): it is replaced.
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  container.className = 'fs-host';
  container.lang = options.lang || 'zh-CN';
  root.replaceChildren(container);
  applyTheme(element, options.theme);
  let glue;
  const styled = sheet();
  try {
    glue = await load();
    root.adoptedStyleSheets = [await styled];
  } catch (e) {
    styled.then((s) => { root.adoptedStyleSheets = [s]; }, () => {});
    const lang = String(options.lang || '').startsWith('en') ? 'en' : 'zh-CN';
    const origin = new URL(base).origin;
    const text = origin === location.origin ? LOAD_FAILED[lang] : CROSS_ORIGIN[lang].replace('{origin}', origin);
    const message = text.replace('{reason}', e?.message || String(e));
    container.className = 'fs-host fs-load-failed';
    container.setAttribute('role', 'alert');
    container.textContent = message;
    emit(element, 'error', { code: 'load_failed', message });
    throw e;
  }
  try {
    return await glue.mountWidget(container, { ...options, theme: undefined }, base);
  } catch (e) {
    emit(element, 'error', { code: 'options', message: String(e) });
    throw e;
  }
}

/** `<formseal-form form lang config draft-key endpoint theme definition>`; its methods return promises. */
class FormsealForm extends HTMLElement {
  connectedCallback() {
    if (this.widget) return;
    const attr = (name) => this.getAttribute(name) || undefined;
    let theme;
    try {
      theme = attr('theme') && JSON.parse(attr('theme'));
    } catch {
      theme = undefined;
    }
    this.widget = mount(this, {
      form: attr('form'),
      lang: attr('lang'),
      config: attr('config'),
      draftKey: attr('draft-key') || this.id || undefined,
      endpoint: attr('endpoint'),
      definition: attr('definition'),
      theme,
    });
    this.widget.catch(() => {});
  }
  async getData() { return (await this.widget).getData(); }
  async setData(draft) { return (await this.widget).setData(draft); }
  async validate() { return (await this.widget).validate(); }
  async reset() { return (await this.widget).reset(); }
}

// `data-formseal` elements (the demo page): the wasm's start mounts them. From disk they hold the
// widget as it was drawn when the page was saved: emptied first.
if (document.querySelector('[data-formseal]')) {
  if (fromDisk) for (const el of document.querySelectorAll('[data-formseal]')) el.replaceChildren();
  load().catch((e) => {
    for (const el of document.querySelectorAll('[data-formseal]')) {
      const p = document.createElement('p');
      p.className = 'fs-load-failed';
      p.setAttribute('role', 'alert');
      p.textContent = LOAD_FAILED[el.dataset.lang?.startsWith('en') ? 'en' : 'zh-CN'].replace('{reason}', e?.message || String(e));
      el.replaceChildren(p);
    }
  });
}

if (!customElements.get('formseal-form')) customElements.define('formseal-form', FormsealForm);
globalThis.formseal = Object.assign(globalThis.formseal ?? {}, { mount });
})();
