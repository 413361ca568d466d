// Benchmark helpers: keystroke latency measured in the page (keydown → two animation frames),
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

/** Installs the keystroke probe: each keydown starts a timer that stops two frames later. */
export async function installProbe(page) {
  await page.evaluate(() => {
    window.__lat = [];
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
  await page.evaluate(() => (window.__lat = []));
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key);
    await page.waitForFunction((k) => window.__lat.length >= k, i + 1);
  }
  return page.evaluate(() => window.__lat.slice());
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
