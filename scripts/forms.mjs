// Trunk pre-build step (called by scripts/bundle.sh): target/forms/<id>.json, each built-in
// form's definition (forms/<id>/definition.json) minified, fetched when that form is opened;
// target/forms/index.json, what the start page lists of each form (id, title, body, the field
// with the unit's name) with the call's default texts in place of `{call:name}`; and
// target/forms/en.json, the English of the definitions' texts.
//
// The Chinese first view does not download English: each `{"zh": …, "en": …}` text loses its
// `en`, which goes into en.json keyed by the Chinese text, fetched with the English messages when
// the applicant switches language (the core looks a missing `en` up there: `form::install_en`).
// A text keeps its `en` where the lookup could not find it: under `call` (a call's default texts
// are read before the table may be there), with a `{call:…}` placeholder (filled per language
// before reading), or where one Chinese text has two English ones.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = 'target/forms.tmp';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const index = [];
const ids = readdirSync('forms').filter((d) => existsSync(join('forms', d, 'definition.json'))).sort();
const defs = ids.map((id) => JSON.parse(readFileSync(join('forms', id, 'definition.json'), 'utf8')));
// Visits every movable text: `f(text)` for each `{zh, en}` object outside `call`, without `{call:`.
const texts = (v, f, key) => {
  if (key === 'call' || v === null || typeof v !== 'object') return;
  const keys = Object.keys(v);
  if (keys.length === 2 && typeof v.zh === 'string' && typeof v.en === 'string') {
    if (!v.zh.includes('{call:') && !v.en.includes('{call:')) f(v);
    return;
  }
  for (const [k, x] of Object.entries(v)) texts(x, f, Array.isArray(v) ? key : k);
};
const en = new Map();
const twice = new Set();
for (const def of defs) {
  texts(def, (t) => {
    if (en.has(t.zh) && en.get(t.zh) !== t.en) twice.add(t.zh);
    else en.set(t.zh, t.en);
  });
}
for (const zh of twice) en.delete(zh);
writeFileSync(join(out, 'en.json'), JSON.stringify(Object.fromEntries(en)));
defs.forEach((full, i) => {
  const def = structuredClone(full);
  // The editors' pointer to the schema: relative to forms/<id>/ in the repository, wrong beside
  // the served copy, and bytes of every first view.
  delete def.$schema;
  texts(def, (t) => {
    if (en.has(t.zh)) delete t.en;
  });
  writeFileSync(join(out, `${ids[i]}.json`), JSON.stringify(def));
});
for (const def of defs) {
  const values = {};
  for (const [name, param] of Object.entries(def.call ?? {})) {
    if (param.text) values[name] = param.text;
    if (typeof param.string === 'string') values[name] = { zh: param.string, en: param.string };
  }
  const fill = (text) =>
    Object.fromEntries(['zh', 'en'].map((l) => [l, text[l].replace(/\{call:([a-z_]+)\}/g, (m, n) => values[n]?.[l] ?? m)]));
  index.push({ id: def.id, title: fill(def.title), body: fill(def.body), name_field: def.name_field });
}
writeFileSync(join(out, 'index.json'), JSON.stringify(index));
// The JSON Schema of a definition, for hosts writing their own form.
copyFileSync('forms/definition.schema.json', join(out, 'definition.schema.json'));
rmSync('target/forms', { recursive: true, force: true });
renameSync(out, 'target/forms');
