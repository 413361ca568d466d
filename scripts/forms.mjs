// Trunk pre-build step (called by scripts/bundle.sh): target/forms/<id>.json, each built-in
// form's definition (forms/<id>/definition.json) minified, fetched when that form is opened; and
// target/forms/index.json, what the start page lists of each form (id, title, body, the field
// with the unit's name) with the call's default texts in place of `{call:name}`.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = 'target/forms.tmp';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const index = [];
for (const id of readdirSync('forms').filter((d) => existsSync(join('forms', d, 'definition.json'))).sort()) {
  const def = JSON.parse(readFileSync(join('forms', id, 'definition.json'), 'utf8'));
  writeFileSync(join(out, `${id}.json`), JSON.stringify(def));
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
