// Lists the `crate::` edges between the browser app's top-level modules (src/) and fails on an
// import cycle: the layers go one way down (issue 15). Usage: node scripts/check-layers.mjs [--print]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../src/', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.rs')) files.push(path);
  }
};
walk(root);

// A file's top-level module: src/drafts/sync.rs and src/drafts/mod.rs are both `drafts`; main.rs
// and lib.rs are the crate root (`main`).
const moduleOf = (path) => {
  const first = relative(root, path).split('/')[0].replace(/\.rs$/, '');
  return first === 'lib' ? 'main' : first;
};

const edges = new Map();
for (const file of files) {
  const from = moduleOf(file);
  // Comments say where things come from without importing them.
  const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
  const targets = new Set();
  for (const m of code.matchAll(/\bcrate::([a-z_][a-z0-9_]*)/g)) targets.add(m[1]);
  // `use crate::{a, b::c}` groups.
  for (const m of code.matchAll(/\bcrate::\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part.trim().split('::')[0];
      if (/^[a-z_][a-z0-9_]*$/.test(name)) targets.add(name);
    }
  }
  // `super::x` from a file directly in src/ is `crate::x`.
  if (relative(root, file).split('/').length === 1) {
    for (const m of code.matchAll(/\bsuper::([a-z_][a-z0-9_]*)/g)) targets.add(m[1]);
  }
  targets.delete(from);
  // Items defined in the crate root (main.rs/lib.rs) rather than a module.
  const modules = new Set(files.map(moduleOf));
  for (const t of targets) if (!modules.has(t)) targets.delete(t);
  const set = edges.get(from) ?? new Set();
  for (const t of targets) set.add(t);
  edges.set(from, set);
}

if (process.argv.includes('--print')) {
  for (const [from, to] of [...edges].sort()) console.log(`${from} -> ${[...to].sort().join(', ') || '(nothing)'}`);
}

// Every cycle found by a depth-first search (each reported once, from its smallest module).
const cycles = new Set();
const visit = (node, path) => {
  for (const next of edges.get(node) ?? []) {
    const at = path.indexOf(next);
    if (at >= 0) {
      const cycle = path.slice(at);
      const start = cycle.indexOf([...cycle].sort()[0]);
      cycles.add([...cycle.slice(start), ...cycle.slice(0, start)].join(' -> '));
    } else {
      visit(next, [...path, next]);
    }
  }
};
for (const node of edges.keys()) if (node !== 'main') visit(node, [node]);
if (cycles.size) {
  console.error(`import cycles between src/ modules (each layer may only use the ones below it):\n  ${[...cycles].join('\n  ')}`);
  process.exit(1);
}
console.log(`no import cycle between the ${edges.size} modules of src/`);
