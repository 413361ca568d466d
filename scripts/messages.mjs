// The texts of the files that are not Rust — web/formseal.js, the demo page index.html, the offline
// file — from the message catalogues (crates/formseal-core/src/messages/<locale>/*.txt; theirs are
// in web.txt): `{{zh-CN:key}}` or `{{en:key}}` in such a file is that locale's text of `key`.
//
//   node scripts/messages.mjs FILE…   fills the placeholders of each file in place (Trunk
//                                     post-build hook, scripts/post-build.sh: index.html and
//                                     formseal.js of the staging folder, before they are minified)
//   import { text } from './messages.mjs'   one text (scripts/offline.mjs)
//
// A text goes in escaped for where it stands: inside a <script> element or a .js file it may be in
// a string literal of any kind ('…', "…", `…`, as Trunk's minifier rewrites them); elsewhere in
// HTML it is element text. A placeholder whose key no catalogue has fails the build, as does one
// left unfilled.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../crates/formseal-core/src/messages');
const LOCALES = ['zh-CN', 'en'];

/** A locale's catalogue (every file of its folder), parsed as the core parses it: `key = template`. */
function catalogue(locale) {
  const map = new Map();
  for (const file of readdirSync(join(dir, locale)).filter((f) => f.endsWith('.txt')).sort()) {
    for (const raw of readFileSync(join(dir, locale, file), 'utf8').split('\n')) {
      const line = raw.trim();
      const at = line.indexOf(' = ');
      if (line && !line.startsWith('#') && at > 0) map.set(line.slice(0, at).trim(), line.slice(at + 3).trim());
    }
  }
  return map;
}

const catalogues = new Map(LOCALES.map((l) => [l, catalogue(l)]));

/** The text of `key` in `locale`; throws when there is none. */
export function text(locale, key) {
  const value = catalogues.get(locale)?.get(key);
  if (value === undefined) throw new Error(`no message ${key} in the ${locale} catalogue (${dir})`);
  return value;
}

/** Escaped for a JS string literal of any quotes, inside a <script> element. */
export const js = (s) =>
  s.replace(/[\\'"`$]/g, (c) => `\\${c}`).replaceAll('\n', '\\n').replaceAll('</', '<\\/');

/** Escaped for HTML element text or a quoted attribute. */
export const html = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const PLACEHOLDER = /\{\{([A-Za-z-]+):([A-Za-z0-9_.-]+)\}\}/g;

/** `source` with its placeholders filled, each escaped by `escape`; the missing keys go to `missing`. */
function fill(source, escape, missing) {
  return source.replace(PLACEHOLDER, (whole, locale, key) => {
    try {
      return escape(text(locale, key));
    } catch {
      missing.push(whole);
      return whole;
    }
  });
}

/** A file's text with its placeholders filled (JS escaping in .js files and <script> elements). */
export function fillFile(name, source, missing = []) {
  if (name.endsWith('.js') || name.endsWith('.mjs')) return fill(source, js, missing);
  // Script elements, then the HTML around them.
  const parts = source.split(/(<script\b[^>]*>[\s\S]*?<\/script\s*>)/i);
  return parts.map((p, i) => fill(p, i % 2 ? js : html, missing)).join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const missing = [];
  for (const file of process.argv.slice(2)) {
    const before = readFileSync(file, 'utf8');
    const unknown = [];
    const after = fillFile(file, before, unknown);
    // Also anything still shaped like a placeholder (a key with a character keys do not have).
    const left = after.match(/\{\{[\w-]+:[^{}\s]*\}\}/g) ?? [];
    missing.push(...new Set([...unknown, ...left].map((p) => `${p} in ${file}`)));
    if (after !== before) writeFileSync(file, after);
  }
  if (missing.length > 0) {
    console.error(`scripts/messages.mjs: no message in the catalogues for ${missing.join(', ')}`);
    process.exit(1);
  }
}
