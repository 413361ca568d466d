// Appended to the package pages' classic glue (formseal-intake.js, from crates/formseal-intake)
// by scripts/intake-glue.sh. Loads the wasm once — from the widget's files, or from the offline
// file (FORMSEAL_OFFLINE.intakeWasm, base64) — then mounts a page into every widget queued on
// globalThis.__formsealIntake ([container, call JSON, worker URL, page]) and into those the widget
// pushes later (each time #/verify, #/intake or a form's verify step opens).
{
  const queued = globalThis.__formsealIntake || [];
  const src = document.currentScript?.src;
  let ready;
  const wasm = () => {
    const inline = globalThis.FORMSEAL_OFFLINE?.intakeWasm;
    return inline ? Uint8Array.from(atob(inline), (c) => c.charCodeAt(0)) : new URL('formseal-intake_bg.wasm', src);
  };
  const start = ([container, call, worker, page]) => {
    ready ??= wasm_bindgen({ module_or_path: wasm() });
    ready.then(() => wasm_bindgen.mount(container, call, worker, page)).catch((e) => console.error('formseal:', e));
  };
  globalThis.__formsealIntake = { push: (...items) => items.forEach(start) };
  queued.forEach(start);
}
