// Prints the benchmark's table from its results (bench/run.mjs also writes them to bench-results/latest.json).

/** Prints `results` as a table, each figure beside its target and the floor's. */
export function printResults(results, { ttiLoads, adds }) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nformseal benchmarks — ${results.date}\n${results.machine}; Chromium ${results.browser}\n`);
  console.log('Download (first load)          raw        brotli');
  for (const [k, v] of Object.entries(results.download.byKind)) console.log(`  ${k.padEnd(28)} ${kb(v.raw).padStart(10)} ${kb(v.brotli).padStart(10)}`);
  console.log(`  wasm + JS + CSS (budget 250 KB)          ${kb(results.download.firstLoadBrotli).padStart(10)}`);
  const tti = results.timeToInteractive;
  console.log(`\nTime to interactive (10 fresh loads): median ${tti.median.toFixed(0)} ms, min ${tti.min.toFixed(0)}, max ${tti.max.toFixed(0)}`);
  if (results.ttiVsSurveyJS) {
    console.log(`Time to interactive, TC260 form, median of ${ttiLoads} each, alternating: formseal / SurveyJS (target ≤ ⅓)`);
    for (const [rate, v] of Object.entries(results.ttiVsSurveyJS)) {
      const p = v.firstPaint;
      console.log(`  CPU ${rate.padEnd(3)} ${v.formseal.toFixed(0).padStart(6)} ms / ${v.survey.toFixed(0).padStart(6)} ms   ratio ${v.ratio.toFixed(2)} (pairs: median ${v.pairs.median.toFixed(2)}, middle half ${v.pairs.p25.toFixed(2)}–${v.pairs.p75.toFixed(2)})   (first contentful paint ${p.formseal.toFixed(0)} / ${p.survey.toFixed(0)} ms, ratio ${p.ratio.toFixed(2)})`);
    }
  } else console.log('(SurveyJS comparison skipped: scripts/bench.sh installs it under bench/)');
  // The floor figure measured beside a formseal one (same number of writers, same field).
  const floorOf = (k) => results.floor[k.replace(/^co-authoring /, '')];
  console.log('\nKeystroke → two frames, CPU 4× (ms)            p50     p95     max   floor p95  ratio (target ≤ 2)   next paint p50 / p95 (floor)');
  for (const [k, v] of Object.entries(results.typing)) {
    const f = floorOf(k);
    const ratio = f ? `${f.p95.toFixed(1).padStart(9)} ${(v.p95 / f.p95).toFixed(2).padStart(6)}` : ''.padStart(16);
    const paint = (t) => (t.nextPaint ? `${t.nextPaint.p50.toFixed(0)} / ${t.nextPaint.p95.toFixed(0)}` : '');
    console.log(`  ${k.padEnd(42)} ${v.p50.toFixed(1).padStart(6)} ${v.p95.toFixed(1).padStart(7)} ${v.max.toFixed(1).padStart(7)} ${ratio}   ${paint(v).padStart(9)}${f ? ` (${paint(f)})` : ''}`);
  }
  console.log("  (next paint: the browser's Event Timing, from the key event to the next paint after its handlers; under 16 ms counts as 16)");
  console.log(`\nRows, CPU 4× (click → two frames, median of ${adds})     floor  target`);
  for (const [k, v] of Object.entries(results.rows)) {
    const f = floorOf(k);
    const target = /1000×/.test(k) ? '≤ 150' : /200×/.test(k) ? '≤ 100' : '';
    console.log(`  ${k.padEnd(42)} ${v.toFixed(1).padStart(6)} ms ${f === undefined ? '' : f.toFixed(1).padStart(7)} ${target.padStart(7)}`);
  }
  console.log('\nAdding a writer, CPU 4×: what the frames between the click and the second frame held (medians)');
  for (const [k, d] of Object.entries(results.addFrames)) {
    if (!d.longFrames) {
      console.log(`  ${k.padEnd(16)} no frame over 50 ms in ${d.of} adds (the only frames Long Animation Frames reports)`);
      continue;
    }
    // An add whose frames were all under 50 ms counts 0 in the medians of the script figures.
    const some = d.longFrames < d.of ? ` (${d.longFrames} of ${d.of} adds with a frame over 50 ms; the others count 0)` : '';
    console.log(`  ${k.padEnd(16)} click's script ${d.script.toFixed(0).padStart(4)} ms (style and layout it forced ${d.forced.toFixed(0).padStart(4)} ms)${some}; ` +
      `a long task of the browser's own, no script, in ${d.withBrowserTask} of ${d.of} adds${d.withBrowserTask ? ` (${d.browserTask.toFixed(0)} ms)` : ''}`);
  }
  console.log(`\nAdding and removing a writer in a Chromium without DevTools, unthrottled (median of 9): formseal / floor`);
  for (const [k, { formseal: f, floor: p }] of Object.entries(results.withoutDevTools)) {
    console.log(`  ${k.padEnd(10)} add ${f.add.toFixed(0).padStart(4)} / ${p.add.toFixed(0).padStart(4)} ms   remove ${f.remove.toFixed(0).padStart(4)} / ${p.remove.toFixed(0).padStart(4)} ms   ` +
      `long tasks in the 1.5 s after an add ${f.longTasksAfterAdd.toFixed(0).padStart(4)} / ${p.longTasksAfterAdd.toFixed(0).padStart(4)} ms`);
  }
  console.log('\nImporting a draft, unthrottled');
  for (const [k, v] of Object.entries(results.importMs)) console.log(`  ${k.padEnd(56)} ${String(v).padStart(6)} ms  ${/interactive/.test(k) ? `(target ${/1000×/.test(k) ? '≤ 2000' : '≤ 500'})` : ''}`);
  for (const key of ['validationNative', 'validationWasm']) {
    if (!results[key]) continue;
    console.log(`\nFull validation (${key === 'validationNative' ? 'native' : 'wasm32 in Chromium'})`);
    for (const [k, v] of Object.entries(results[key])) console.log(`  ${k.padEnd(55)} ${v.toFixed(3)} ms`);
  }
  console.log('\nMemory after filling');
  for (const [k, v] of Object.entries(results.memory)) console.log(`  ${k.padEnd(32)} JS heap ${kb(v.jsHeapUsed)}, wasm memory ${kb(v.wasmMemory)}`);
  console.log(`\nPackage in the browser: ${JSON.stringify(results.package)}\n\nwritten: bench-results/latest.json`);
}
