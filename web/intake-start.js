// Appended to the intake page's classic glue (formseal-intake.js, from crates/formseal-intake) by
// scripts/intake-glue.sh. Loads the wasm from the widget's files, once, then mounts the page into
// every widget queued on globalThis.__formsealIntake ([container, call JSON, base URL]) and into
// those the widget pushes later (each time #/intake opens).
{
  const queued = globalThis.__formsealIntake || [];
  let ready;
  const start = ([container, call, base]) => {
    ready ??= wasm_bindgen({ module_or_path: new URL('formseal-intake_bg.wasm', base) });
    ready.then(() => wasm_bindgen.mount(container, call, base)).catch((e) => console.error('formseal intake:', e));
  };
  globalThis.__formsealIntake = { push: (...items) => items.forEach(start) };
  queued.forEach(start);
}
