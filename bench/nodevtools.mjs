// Adding and removing a writer in a Chromium with no DevTools session attached (issue 16).
//
// Every other figure of the benchmark is taken through a DevTools session (Playwright's), and
// while one is attached Chromium's autofill checks every form field of the page for DevTools'
// Issues panel each time it reads the page's forms after fields were added
// (components/autofill/content/renderer/form_autofill_issues.cc, MaybeEmitFormIssuesToDevtools:
// "Only log the issues if devtools is connected"): among other things it sorts every field that
// has an `id` by that id, to report duplicates. An applicant's browser never does this. CPU
// throttling needs the DevTools session, so these figures are unthrottled: the page drives
// itself (imports the draft through a DataTransfer, clicks with click()) and posts its figures.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The script both pages load: `?n=` rows, then adds and removes, timed as the benchmark does. */
export const DRIVER = `(async () => {
  const q = new URLSearchParams(location.search), n = Number(q.get('writers')), floor = !!document.getElementById('writers');
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const until = (f) => new Promise((r) => { const t = () => (f() ? r() : requestAnimationFrame(t)); t(); });
  const rows = floor ? () => document.querySelectorAll('#writers > fieldset')
    : () => document.querySelectorAll('[data-field="writers"] > fieldset > .fs-rows__list > fieldset.fs-row');
  let long = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) long += e.duration; }).observe({ type: 'longtask' });
  if (!floor) {
    await until(() => document.querySelector('input[id$="-unit_name"]'));
    const text = await (await fetch('/bench/self/draft.json?writers=' + n)).text();
    const input = [...document.querySelectorAll('input[type=file]')].find((i) => [...(i.labels ?? [])].some((l) => l.textContent.includes('导入草稿')));
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'big.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await until(() => rows().length >= n);
  await sleep(3000);
  const add = floor ? document.getElementById('add') : document.querySelector('[data-field="writers"] > fieldset > .fs-rows__add');
  const adds = [], removes = [], after = [];
  for (let k = 0; k < 9; k++) {
    let t = performance.now();
    add.click();
    await frames();
    adds.push(performance.now() - t);
    long = 0;
    await sleep(1500);
    after.push(long);
    const last = rows()[n];
    t = performance.now();
    (floor ? last.querySelector('.remove') : last.querySelector(':scope > .fs-row__actions > .fs-btn--danger')).click();
    await frames();
    removes.push(performance.now() - t);
    await sleep(1000);
  }
  const med = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  await fetch('/bench/self/result', { method: 'POST', body: JSON.stringify({ add: med(adds), remove: med(removes), longTasksAfterAdd: med(after) }) });
})();`;

/** The host page for formseal (its definition with room for `n` writers) that loads the driver. */
export const SELF_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>
<link rel="stylesheet" href="/formseal.css"><script src="/formseal.js" defer></script><script src="/bench/self/driver.js" defer></script></head>
<body><div data-formseal data-lang="zh-CN" data-draft-key="bench-self" data-definition="/bench/coauthor-large.json"></div></body></html>`;

/**
 * Serves what the pages need from the benchmark's server: call from its request handler.
 * `draft(n)` makes the n × 5 draft, `floorHtml()` reads the floor page.
 */
export function selfRoutes(draft, floorHtml) {
  let resolve = null;
  return {
    result: () => new Promise((r) => (resolve = r)),
    async handle(req, res) {
      const url = new URL(req.url, 'http://x');
      switch (url.pathname) {
        case '/bench/self/driver.js':
          res.writeHead(200, { 'content-type': 'text/javascript' }).end(DRIVER);
          return true;
        case '/bench/self/form.html':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SELF_PAGE);
          return true;
        case '/bench/self/floor.html':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end((await floorHtml()).toString().replace('</body>', '<script src="/bench/self/driver.js" defer></script></body>'));
          return true;
        case '/bench/self/draft.json':
          res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from(await draft(Number(url.searchParams.get('writers')))));
          return true;
        case '/bench/self/result': {
          let body = '';
          for await (const c of req) body += c;
          res.writeHead(204).end();
          resolve?.(JSON.parse(body));
          return true;
        }
        default:
          return false;
      }
    },
  };
}

/** Opens `url` in a Chromium of its own, with no DevTools session, and waits for its figures. */
export async function measureWithoutDevTools(routes, url, timeoutMs = 240000) {
  const profile = await mkdtemp(join(tmpdir(), 'formseal-bench-'));
  const chromium = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--window-size=1280,720', `--user-data-dir=${profile}`, url,
  ], { stdio: 'ignore' });
  try {
    const result = routes.result();
    return await Promise.race([result, new Promise((_, fail) => setTimeout(() => fail(new Error(`no figures from ${url} in ${timeoutMs} ms`)), timeoutMs))]);
  } finally {
    if (chromium.exitCode === null && chromium.signalCode === null) {
      const exited = new Promise((r) => chromium.once('exit', r));
      chromium.kill('SIGKILL');
      await exited;
    }
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  }
}
