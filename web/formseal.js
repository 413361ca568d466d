// formseal, for host pages: one module defines <formseal-form> and window.formseal.mount().
//
//   <script type="module" src="/formseal/formseal.js"></script>
//   <formseal-form form="tc260-wg" lang="zh-CN" draft-key="tc260-2026" config='{…}'></formseal-form>
//   <formseal-form definition="/forms/my-form.json"></formseal-form>      (a host's own form)
//
// The widget renders in a shadow root (the host's CSS cannot reach it, its CSS cannot reach the
// host), loads its wasm from the folder of this file, and sends its host element the events
// formseal:ready, formseal:change, formseal:package-ready and formseal:error (see formseal.d.ts).
// No inline script and no eval: it runs under `script-src 'self' 'wasm-unsafe-eval'`.
import init, { mountWidget } from './formseal-app.js';

const base = new URL('./', import.meta.url).href;
let loading;

/** Loads the widget's wasm once for the whole page. */
function load() {
  loading ??= init({ module_or_path: new URL('formseal-app_bg.wasm', base) });
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
export async function mount(element, options = {}) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('formseal.css', base).href;
  const container = document.createElement('div');
  container.className = 'fs-host';
  container.lang = options.lang || 'zh-CN';
  root.replaceChildren(style, container);
  applyTheme(element, options.theme);
  try {
    await load();
  } catch (e) {
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
    return await mountWidget(container, { ...options, theme: undefined }, base);
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

if (!customElements.get('formseal-form')) customElements.define('formseal-form', FormsealForm);
globalThis.formseal = Object.assign(globalThis.formseal ?? {}, { mount });
