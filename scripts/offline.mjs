// Trunk post-build hook: the whole widget as files that work opened from disk (file://) with no
// network — the app's wasm and glue, the package worker (made a blob: worker at first use) with
// its wasm and the PDF fonts, the verify and intake pages (a blob: script with its wasm), the
// style sheet, the English messages and the built-in forms, all inline; the app finds them
// through globalThis.FORMSEAL_OFFLINE. Two of them:
// - dist/formseal-offline.html, one file to send by e-mail and open;
// - dist/formseal-saved.js, a classic script a host page names (never fetched online) so that a
//   copy saved with "Save page as… (complete)" runs the widget from disk (see web/formseal.js).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { html as escape, text as message } from './messages.mjs';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const read = (f) => readFileSync(join(dir, f));
const text = (f) => read(f).toString('utf8');
const b64 = (f) => read(f).toString('base64');
// A JS string literal that is safe inside <script>.
const literal = (s) => JSON.stringify(s).replaceAll('</', '<\\/').replaceAll('<!--', '<\\!--');

const app = transformSync(text('formseal-app.js'), { format: 'iife', globalName: 'formsealApp', minify: true, logLevel: 'error' }).code;
const worker = [
  `self.FORMSEAL_FONTS = [${literal(b64('fonts/formseal-serif-sc-1.otf'))}, ${literal(b64('fonts/formseal-serif-sc-2.otf'))}];`,
  text('formseal-worker.js'),
  `wasm_bindgen({ module_or_path: Uint8Array.from(atob(${literal(b64('formseal-worker_bg.wasm'))}), (c) => c.charCodeAt(0)) });`,
].join('\n');

// globalThis.FORMSEAL_OFFLINE: every file the widget would otherwise fetch.
const files = `(() => {
  let workerUrl, intakeUrl;
  globalThis.FORMSEAL_OFFLINE = {
    // The package worker, made only when first needed.
    get worker() {
      workerUrl ??= URL.createObjectURL(new Blob([${literal(worker)}], { type: 'text/javascript' }));
      return workerUrl;
    },
    // The verify and intake pages: their classic script (added when one opens) and its wasm.
    get intake() {
      intakeUrl ??= URL.createObjectURL(new Blob([${literal(text('formseal-intake.js'))}], { type: 'text/javascript' }));
      return intakeUrl;
    },
    intakeWasm: ${literal(b64('formseal-intake_bg.wasm'))},
    'messages-en.txt': ${literal(text('messages-en.txt'))},
${readdirSync(join(dir, 'forms')).filter((f) => !f.endsWith('.schema.json')).map((f) => `    ${literal('forms/' + f)}: ${literal(text('forms/' + f))},`).join('\n')}
  };
})();`;
const appWasm = `Uint8Array.from(atob(${literal(b64('formseal-app_bg.wasm'))}), (c) => c.charCodeAt(0))`;
const scriptSafe = (js) => js.replaceAll('</script', '<\\/script');

const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(message('zh-CN', 'web.offline.title'))}</title>
<style>${text('formseal.css').replaceAll('</', '<\\/')}</style>
</head>
<body>
<div data-formseal data-lang="zh-CN"><p class="fs-load-failed" role="status">${escape(message('zh-CN', 'web.offline.opening'))} ${escape(message('en', 'web.offline.opening'))}</p></div>
<script>
${scriptSafe(files)}
${scriptSafe(app)}
formsealApp.default({ module_or_path: ${appWasm} });
</script>
</body>
</html>
`;
writeFileSync(join(dir, 'formseal-offline.html'), html);

// The saved-copy bundle: the same, as a classic script that starts nothing by itself —
// web/formseal.js starts the wasm (`start`) and mounts the widgets with its glue.
const saved = `// formseal-saved.js: the form widget for a copy of a host page saved to disk (see formseal.js).
(() => {
if (globalThis.formsealSaved) return;
${files}
${app}
let started;
globalThis.formsealSaved = {
  glue: formsealApp,
  css: ${literal(text('formseal.css'))},
  start() {
    started ??= formsealApp.default({ module_or_path: ${appWasm} });
    return started;
  },
};
})();
`;
writeFileSync(join(dir, 'formseal-saved.js'), saved);
