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

const LOAD_FAILED = {
  'zh-CN': '申请表未能加载（{reason}）。另存的网页请改用离线版 formseal-offline.html（联网时可在申请表中下载），或联网后重新打开本页；草稿仍在本浏览器中。',
  en: 'The form could not load ({reason}). For a saved page, use the offline form formseal-offline.html (downloadable from the form when online), or reopen this page online; your draft is kept in this browser.',
};

// The widget served from another origin (a CDN, the standards body's asset server) that does not
// let this page read its files: what the host's web team must change.
const CROSS_ORIGIN = {
  'zh-CN': '申请表的文件位于 {origin}，本页面无法读取（{reason}）。提供这些文件的服务器须对每个文件发送 Access-Control-Allow-Origin 响应头（允许本页面的来源），.wasm 文件的类型须为 application/wasm；本页面若设有 CSP，须允许该来源（script-src、connect-src、style-src）和 worker-src blob:。详见 formseal 的 README“从另一个来源提供组件”。',
  en: 'The form\'s files are at {origin}, which this page may not read ({reason}). The server of those files must send the header Access-Control-Allow-Origin (allowing this page\'s origin) with each of them, and .wasm files as application/wasm; if this page has a CSP, it must allow that origin (script-src, connect-src, style-src) and worker-src blob:. See “Serving the widget from another origin” in formseal\'s README.',
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
