// Trunk post-build step (scripts/post-build.sh): drops the custom sections nothing reads at run
// time from every built module — the toolchain's `producers` and `target_features`, and Leptos's
// `__wasm_split_unstable` (read only by the wasm-split tool) — 159 bytes (brotli) of every first
// view (issue 16). The module's code and data are copied byte for byte; a module that does not
// parse as sections is left as it is.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DROP = new Set(['producers', 'target_features', '__wasm_split_unstable']);

/** The module without the DROP sections, or null when it does not parse. */
function strip(b) {
  if (b.length < 8 || b.readUInt32LE(0) !== 0x6d736100) return null;
  let p = 8;
  const leb = () => {
    let r = 0;
    for (let s = 0; s < 35; s += 7) {
      if (p >= b.length) return -1;
      const x = b[p++];
      r += (x & 127) * 2 ** s;
      if (!(x & 128)) return r;
    }
    return -1;
  };
  const keep = [b.subarray(0, 8)];
  while (p < b.length) {
    const start = p;
    const id = b[p++];
    const n = leb();
    if (n < 0 || p + n > b.length) return null;
    const end = p + n;
    if (id === 0) {
      const len = leb();
      if (len < 0 || p + len > end) return null;
      if (DROP.has(b.subarray(p, p + len).toString())) {
        p = end;
        continue;
      }
    }
    keep.push(b.subarray(start, end));
    p = end;
  }
  return Buffer.concat(keep);
}

const dir = process.argv[2];
if (dir) {
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.wasm'))) {
    const b = readFileSync(join(dir, f));
    const out = strip(b);
    if (out && out.length < b.length) writeFileSync(join(dir, f), out);
  }
}
