// Trunk post-build step: the demo page (index.html) loads the widget the way host pages do, through
// formseal.js — Trunk's own loader (an inline module script) and its preloads of the app's glue and
// wasm are taken out. A copy of the page saved with "Save page as" then holds nothing that reaches
// for the network or for module scripts on disk (refused from file://): formseal.js starts it from
// the saved bundle. Usage: node scripts/demo-page.mjs <staging>/index.html
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2];
let html = readFileSync(file, 'utf8');
const loader = /<script type="?module"?[^>]*>\s*import init[^<]*formseal-app\.js[^<]*<\/script>/;
if (!loader.test(html)) {
  console.error(`${file}: Trunk's loader of formseal-app.js was not found (did Trunk change its output?)`);
  process.exit(1);
}
html = html.replace(loader, '');
html = html.replace(/<link\b[^>]*>/g, (tag) => (/\b(module)?preload\b/.test(tag) && /formseal-app/.test(tag) ? '' : tag));
writeFileSync(file, html);
