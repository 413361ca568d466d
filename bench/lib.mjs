// Benchmark helpers: keystroke latency measured in the page (keydown → two animation frames), a
// click's time to two frames and what its long animation frames held,
// CPU throttling through CDP, percentiles.
import { readFile } from 'node:fs/promises';

/** p-th percentile (0–100) of numbers. */
export function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** Slows the page's CPU by `rate` (Chrome DevTools' "4× slowdown"). */
export async function throttle(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return cdp;
}

/**
 * Installs the keystroke probe: each keydown starts a timer that stops two frames later. Beside
 * it, the browser's own Event Timing (what Interaction to Next Paint is made of): per keystroke,
 * the longest of its events' durations, from the key's timestamp to the next paint after its
 * handlers (8 ms steps; only entries of 16 ms or more are reported).
 */
export async function installProbe(page) {
  await page.evaluate(() => {
    window.__lat = [];
    window.__paint = new Map();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.interactionId) window.__paint.set(e.interactionId, Math.max(window.__paint.get(e.interactionId) ?? 0, e.duration));
      }
    }).observe({ type: 'event', durationThreshold: 16 });
    document.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => window.__lat.push(performance.now() - t0)));
      },
      true,
    );
  });
}

/** Types `n` keys into the focused element and returns each keystroke's latency in ms. */
export async function typeAndMeasure(page, n, key = '1') {
  await page.evaluate(() => {
    window.__lat = [];
    window.__paint?.clear();
  });
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key);
    await page.waitForFunction((k) => window.__lat.length >= k, i + 1);
  }
  return page.evaluate(() => window.__lat.slice());
}

/** The Event Timing durations of the keystrokes typed by the last `typeAndMeasure` (`n` of them):
 * those under 16 ms, which the browser does not report, count as 16. */
export async function nextPaints(page, n) {
  // Entries are delivered after the paint they end at: give the last one a moment.
  await page.waitForTimeout(200);
  const got = await page.evaluate(() => [...(window.__paint?.values() ?? [])]);
  return [...got, ...Array(Math.max(0, n - got.length)).fill(16)];
}

/** Click → two animation frames, in ms (the time until the page shows the click's result). */
export async function timeClick(page, locator) {
  return (await timeClickFrames(page, locator)).ms;
}
/**
 * Click → two frames, and what the long animation frames in between were made of (Chromium's
 * Long Animation Frames API, frames over 50 ms): the click's script (its handlers and the
 * microtasks after them), the style and layout that script forced (a `focus()` lays the page out),
 * and long frames with no script at all — the browser's own tasks, such as its autofill reading
 * the page's forms 100 ms after form fields are added (issue 16).
 */
export async function timeClickFrames(page, locator) {
  await page.evaluate(() => {
    window.__click = null;
    if (!window.__loaf) {
      window.__loaf = [];
      new PerformanceObserver((list) => window.__loaf.push(...list.getEntries())).observe({ type: 'long-animation-frame' });
    }
    document.addEventListener('click', () => {
      const t0 = performance.now();
      window.__t0 = t0;
      requestAnimationFrame(() => requestAnimationFrame(() => (window.__click = performance.now() - t0)));
    }, { capture: true, once: true });
  });
  await locator.click();
  await page.waitForFunction(() => window.__click !== null);
  // The observer reports a frame after it has ended.
  await page.waitForTimeout(100);
  return page.evaluate(() => {
    const [t0, ms] = [window.__t0, window.__click];
    const frames = window.__loaf.filter((f) => f.startTime < t0 + ms && f.startTime + f.duration > t0 - 1);
    window.__loaf = [];
    const scripts = frames.flatMap((f) => f.scripts).filter((x) => x.startTime >= t0 - 1);
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    return {
      ms,
      // Long Animation Frames reports only frames over 50 ms: none, and the script is not seen.
      long: frames.length > 0,
      script: sum(scripts.map((x) => x.duration)),
      forced: sum(scripts.map((x) => x.forcedStyleAndLayoutDuration)),
      browser: sum(frames.filter((f) => f.scripts.length === 0).map((f) => f.duration)),
    };
  });
}
/** A co-authoring draft with `writers` writers of `exp` experience rows each. */
export async function bigCoauthorDraft(writers, exp) {
  const base = JSON.parse(await readFile(new URL('../fixtures/coauthor-complete.json', import.meta.url), 'utf8'));
  const w = base.answers.writers[0];
  base.answers.writers = Array.from({ length: writers }, (_, i) => ({
    ...w,
    name: `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(i / 10) % 12]}${i}`.replace(/\d+$/, ''),
    phone: `139${String(i).padStart(8, '0')}`,
    experience: Array.from({ length: exp }, (_, j) => ({ standard: `GB/T ${40000 + j}-2022`, rank: String(j + 1) })),
  }));
  // Names must be unique per name+phone; phones already are.
  return JSON.stringify(base);
}
