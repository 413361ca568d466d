// End to end: the example host pages of examples/ — <formseal-form> in a shadow root, unaffected
// by a host's aggressive CSS and leaving the host alone, two widgets with separate drafts, events
// and methods, a strict Content-Security-Policy, and no requests but the widget's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser, serve } from './support.mjs';

const env = useBrowser(before, after);
const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';

/** Opens an example page, recording every formseal:* event that reaches the document. */
async function openExample(name, { viewport = { width: 1100, height: 900 } } = {}) {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport });
  await ctx.addInitScript(() => {
    window.formsealEvents = [];
    for (const type of ['ready', 'change', 'package-ready', 'error']) {
      document.addEventListener(`formseal:${type}`, (e) => {
        const { bytes, ...rest } = e.detail ?? {};
        window.formsealEvents.push({ type, target: e.target.id || e.target.tagName, detail: { ...rest, size: bytes?.length } });
      });
    }
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.server.url}examples/${name}`);
  return { ctx, page, errors };
}

const events = (page, type) => page.evaluate((t) => window.formsealEvents.filter((e) => e.type === t), type);

/** The difference between two PNG screenshots, as the share of pixels that differ visibly. */
async function pixelDiff(page, a, b) {
  return page.evaluate(async ([a, b]) => {
    const load = async (b64) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const [x, y] = await Promise.all([load(a), load(b)]);
    // Element shots may differ by a pixel where the element sits at a fractional position.
    if (Math.abs(x.width - y.width) > 1 || Math.abs(x.height - y.height) > 1) return 1;
    const [w, h] = [Math.min(x.width, y.width), Math.min(x.height, y.height)];
    const pixels = (img) => {
      const c = new OffscreenCanvas(w, h);
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      return g.getImageData(0, 0, w, h).data;
    };
    const [p, q] = [pixels(x), pixels(y)];
    let differ = 0;
    for (let i = 0; i < p.length; i += 4) {
      if (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]) > 60) differ++;
    }
    return differ / (p.length / 4);
  }, [a.toString('base64'), b.toString('base64')]);
}

/** Screenshots of the widget's header and first section (one shot per part, scrolled into view). */
async function widgetShots(page) {
  const widget = page.locator('formseal-form').first();
  await widget.getByLabel('统一社会信用代码').waitFor();
  // The same place and width on both pages (pixel positions, not fractions), whatever the host's layout.
  await widget.evaluate((el) => { el.style.cssText = 'position: absolute; top: 0; left: 0; width: 1000px; display: block'; });
  await page.evaluate(() => document.fonts.ready);
  return [await widget.locator('.fs-header').screenshot(), await widget.getByRole('region', { name: '单位信息', exact: true }).screenshot()];
}

test('the widget looks the same under a host page’s aggressive CSS, and leaves the host alone', async () => {
  const plain = await openExample('plain.html');
  const reference = await widgetShots(plain.page);
  const loud = await openExample('aggressive.html');
  const shots = await widgetShots(loud.page);
  for (const [i, shot] of shots.entries()) {
    const diff = await pixelDiff(plain.page, reference[i], shot);
    assert.ok(diff < 0.005, `part ${i + 1}: ${(diff * 100).toFixed(2)} % of the widget's pixels differ under the host's CSS`);
  }
  // The whole widget takes the same height: nothing inside grew with the host's 30 px root font.
  // (Measured in place, where each host lays it out.)
  const height = async (p) => (await p.locator('formseal-form .fs-root').boundingBox()).height;
  assert.ok(Math.abs((await height(plain.page)) - (await height(loud.page))) < 1, 'same height');
  // Inside, the widget's own sizes hold: 15 px text, not the host's 30 px.
  const size = await loud.page.getByLabel('统一社会信用代码').evaluate((el) => getComputedStyle(el).fontSize);
  assert.equal(size, '15px');

  // The host page is styled exactly as without the widget.
  const hostStyles = (page) =>
    page.evaluate(() =>
      ['h1', '.btn', '.input', '.lead', 'body'].map((s) => {
        const c = getComputedStyle(document.querySelector(s));
        return [s, c.fontSize, c.fontFamily, c.color, c.backgroundColor, c.margin, c.padding, c.textTransform].join('|');
      }),
    );
  const withWidget = await hostStyles(loud.page);
  const bare = await env.browser.newPage();
  await bare.route('**/formseal.js', (r) => r.abort());
  await bare.goto(`${env.server.url}examples/aggressive.html`);
  assert.deepEqual(withWidget, await hostStyles(bare));
  // Nothing of the widget leaks into the light DOM.
  assert.equal(await loud.page.locator('body > main > formseal-form').evaluate((el) => el.shadowRoot !== null), true);
  assert.equal(await loud.page.evaluate(() => document.querySelectorAll('.fs-root').length), 0);
  assert.deepEqual([...plain.errors, ...loud.errors], []);
  await bare.close();
  await plain.ctx.close();
  await loud.ctx.close();
});

test('events and methods: ready, change with validity, getData, setData, validate, reset', async () => {
  const { ctx, page, errors } = await openExample('plain.html');
  const widget = page.locator('#apply');
  await widget.getByLabel('统一社会信用代码').waitFor();
  assert.deepEqual((await events(page, 'ready')).map((e) => [e.target, e.detail.form, e.detail.lang]), [['apply', 'tc260-wg', 'zh-CN']]);

  await widget.getByLabel('统一社会信用代码').fill('914403001922038217');
  await page.waitForFunction(() => window.formsealEvents.some((e) => e.type === 'change'));
  const change = (await events(page, 'change')).at(-1);
  assert.equal(change.target, 'apply');
  assert.equal(change.detail.valid, false);
  const uscc = change.detail.errors.find((e) => e.path === 'uscc');
  assert.equal(uscc.field, '统一社会信用代码');
  assert.match(uscc.message, /校验位应为 6/);

  const draft = JSON.parse(await readFile('fixtures/tc260-complete.json', 'utf8'));
  assert.equal(await widget.evaluate((el, d) => el.setData(d), draft), true);
  assert.equal(await widget.getByLabel('单位名称（中文）').inputValue(), '深圳市示例网络安全技术有限公司');
  const data = await widget.evaluate((el) => el.getData());
  assert.equal(data.format, 'formseal-draft');
  assert.equal(data.answers.uscc, '914403001922038216');
  const validity = await widget.evaluate((el) => el.validate());
  assert.equal(validity.valid, true, JSON.stringify(validity.errors));
  assert.equal((await events(page, 'change')).at(-1).detail.valid, true);

  // A bad draft is refused with its reason; the answers stay.
  const refusal = await widget.evaluate((el) => el.setData('{"format":"something-else"}').then(() => 'accepted', (e) => String(e)));
  assert.match(refusal, /草稿|formseal-draft/);
  assert.ok((await events(page, 'error')).some((e) => e.target === 'apply'));
  // Values of the wrong type, or longer than any field holds: named by their keys for the
  // host's developer, and not called malformed when they are only too long.
  const wrong = { ...draft, answers: { ...draft.answers, pledge: 'yes', name_zh: '长'.repeat(140000) } };
  const named = await widget.evaluate((el, d) => el.setData(d).then(() => 'accepted', (e) => String(e)), wrong);
  assert.match(named, /类型不符或过长，无法读入：.*name_zh/);
  assert.match(named, /无法读入：.*pledge/);
  assert.equal(await widget.getByLabel('单位名称（中文）').inputValue(), '深圳市示例网络安全技术有限公司');
  // Nothing to read (undefined or a function has no JSON) is refused too, not left pending.
  const outcomes = await widget.evaluate(async (el) => {
    const settled = (p) => Promise.race([
      p.then(() => 'accepted', (e) => `refused: ${e}`),
      new Promise((ok) => setTimeout(() => ok('pending'), 3000)),
    ]);
    return [await settled(el.setData()), await settled(el.setData(undefined)), await settled(el.setData(() => 1))];
  });
  for (const outcome of outcomes) assert.match(outcome, /^refused: ./);
  assert.equal(await widget.getByLabel('单位名称（中文）').inputValue(), '深圳市示例网络安全技术有限公司');

  assert.equal(await widget.evaluate((el) => el.reset()), true);
  assert.equal(await widget.getByLabel('单位名称（中文）').inputValue(), '');
  assert.equal((await widget.evaluate((el) => el.getData())).answers.name_zh, '');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('two widgets on one page keep separate drafts, languages and themes', async () => {
  const { ctx, page, errors } = await openExample('two-widgets.html');
  const first = page.locator('#first');
  const second = page.locator('#second');
  await first.getByLabel('统一社会信用代码').waitFor();
  await second.getByLabel('Unified social credit code').waitFor();
  await first.getByLabel('单位名称（中文）').fill('甲单位有限公司');
  await second.getByLabel('Name (Chinese)').fill('乙单位有限公司');
  await page.waitForFunction(() => ['unit-a', 'unit-b'].every((k) => localStorage.getItem(`formseal:${k}:tc260-wg:draft`)));
  await page.reload();
  await first.getByLabel('单位名称（中文）').waitFor();
  await second.getByLabel('Name (Chinese)').waitFor();
  assert.equal(await first.getByLabel('单位名称（中文）').inputValue(), '甲单位有限公司');
  assert.equal(await second.getByLabel('Name (Chinese)').inputValue(), '乙单位有限公司');
  // The second widget's theme colours its primary button; the first keeps the default.
  const primary = (w) => w.locator('.fs-btn--primary').first().evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await primary(second), 'rgb(11, 87, 208)');
  assert.equal(await primary(first), 'rgb(158, 27, 27)');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('under a strict CSP the widget fills, packages and verifies with no violation and no foreign request', async () => {
  const { ctx, page, errors } = await openExample('strict-csp.html');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const widget = page.locator('formseal-form');
  await widget.getByLabel('统一社会信用代码').waitFor();
  const draft = await readFile('fixtures/tc260-complete.json', 'utf8');
  await widget.evaluate((el, d) => el.setData(d), draft);
  await widget.getByRole('button', { name: '核对信息' }).click();
  // The package panel comes with the package pages' code, and its style sheet with it.
  const panel = widget.locator('.fs-package').first();
  await panel.waitFor();
  assert.equal(await panel.evaluate((e) => getComputedStyle(e).borderTopStyle), 'solid');
  const download = page.waitForEvent('download');
  await widget.getByRole('button', { name: '生成并下载申请包' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'formseal-embed-'));
  const zip = join(dir, 'package.zip');
  await (await download).saveAs(zip);
  const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
  assert.equal(report.status, 'valid');
  const ready = (await events(page, 'package-ready')).at(-1);
  assert.equal(ready.detail.manifestDigest, report.manifest_sha256);
  assert.equal(ready.detail.applicationDigest, report.application_sha256);
  assert.ok(ready.detail.size > 0);
  // English comes on demand (messages-en.txt), also under the policy.
  await widget.getByRole('button', { name: 'English' }).click();
  await widget.getByRole('button', { name: '中文' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  const own = new Set(['formseal.js', 'formseal-app.js', 'formseal-app_bg.wasm', 'formseal.css', 'formseal-worker_loader.js',
    'formseal-worker.js', 'formseal-worker_bg.wasm', 'formseal-intake.js', 'formseal-intake_bg.wasm', 'formseal-serif-sc-1.otf', 'formseal-serif-sc-2.otf', 'messages-en.txt']);
  // The widget's own files (the package panel comes with the package pages, formseal-intake*),
  // and the definition of the form it opens (forms/<id>.json).
  const ownFile = (u) => own.has(u.split('/').pop()) || /\/forms\/[a-z0-9-]+\.json$/.test(u);
  const foreign = requests.filter((u) => !u.startsWith('blob:') && !(u.startsWith(env.server.url) && ownFile(u)));
  assert.deepEqual(foreign, [], 'no request but the widget’s own files');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('with an endpoint, submit POSTs the package, retries, and keeps it when the server fails', async () => {
  // A host with a flaky endpoint: /submit/flaky fails twice, then takes the package; /submit/down always fails.
  const received = [];
  let flaky = 0;
  const host = await serve('dist', async (req, res) => {
    if (!req.url.startsWith('/submit/')) return false;
    const chunks = [];
    for await (const c of req) chunks.push(c);
    received.push({ url: req.url, body: Buffer.concat(chunks), name: decodeURIComponent(req.headers['x-formseal-file-name'] ?? ''), digest: req.headers['x-formseal-manifest-digest'] });
    const ok = req.url === '/submit/flaky' && ++flaky > 2;
    res.writeHead(ok ? 201 : 503).end();
    return true;
  });
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await ctx.newPage();
  const draft = await readFile('fixtures/tc260-complete.json', 'utf8');
  for (const [endpoint, key] of [['/submit/flaky', 'flaky'], ['/submit/down', 'down']]) {
    await page.route('**/examples/plain.html', async (route) => {
      const body = (await (await route.fetch()).text()).replace('draft-key="plain-tc260"', `draft-key="${key}" endpoint="${endpoint}"`);
      await route.fulfill({ body, contentType: 'text/html; charset=utf-8' });
    });
    await page.goto(`${host.url}examples/plain.html`);
    const widget = page.locator('formseal-form');
    await widget.getByLabel('统一社会信用代码').waitFor();
    await widget.evaluate((el, d) => el.setData(d), draft);
    await widget.getByRole('button', { name: '核对信息' }).click();
    const download = page.waitForEvent('download');
    await widget.getByRole('button', { name: '生成并下载申请包' }).click();
    await download;
    await widget.getByRole('button', { name: '提交到秘书处' }).click();
    if (key === 'flaky') {
      await widget.getByText('申请包已提交（服务器回应 201）', { exact: false }).waitFor({ timeout: 15000 });
      const last = received.at(-1);
      assert.equal(received.length, 3, 'two retries');
      assert.match(last.name, /^申请包-深圳市示例网络安全技术有限公司-\d{4}-\d{2}-\d{2}\.zip$/);
      const dir = await mkdtemp(join(tmpdir(), 'formseal-submit-'));
      const zip = join(dir, 'received.zip');
      await writeFile(zip, last.body);
      const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', zip], { encoding: 'utf8' }));
      assert.equal(report.status, 'valid');
      assert.equal(report.manifest_sha256, last.digest);
    } else {
      await widget.getByText('申请包未能提交（HTTP 503；共尝试 3 次）', { exact: false }).waitFor({ timeout: 15000 });
      // Nothing is lost: the package can still be downloaded.
      const again = page.waitForEvent('download');
      await widget.getByRole('button', { name: '再次下载' }).click();
      assert.match((await again).suggestedFilename(), /^申请包-.*\.zip$/);
    }
    await page.unroute('**/examples/plain.html');
  }
  await ctx.close();
  await host.close();
});

test('formseal.mount with a call’s options: closing date, required attachments, language, events on the element', async () => {
  const { ctx, page, errors } = await openExample('plain.html');
  await page.locator('#apply').getByLabel('统一社会信用代码').waitFor();
  const draft = JSON.parse(await readFile('fixtures/tc260-complete.json', 'utf8'));
  const result = await page.evaluate(async (draft) => {
    const el = document.createElement('section');
    el.id = 'scripted';
    document.body.append(el);
    const widget = await formseal.mount(el, {
      form: 'tc260-wg',
      lang: 'en',
      draftKey: 'scripted',
      config: { 'tc260-wg': { deadline: '2020-01-31', required_attachments: ['other_docs'] } },
    });
    await widget.setData(draft);
    return widget.validate();
  }, draft);
  assert.equal(result.valid, false);
  const paths = result.errors.map((e) => e.path).sort();
  assert.deepEqual(paths, ['other_docs', 'seal_date']);
  const closed = result.errors.find((e) => e.path === 'seal_date');
  assert.match(closed.message, /2020-01-31/);
  const scripted = page.locator('#scripted');
  await scripted.getByText('This call closed on 2020-01-31', { exact: false }).first().waitFor();
  // The widget checked the answers in Chinese before its English arrived: the findings are made
  // again with the built-in form's English texts (forms/en.json), not only the labels.
  await scripted.getByText('please contact the secretariat with any question', { exact: false }).first().waitFor();
  assert.ok((await events(page, 'ready')).some((e) => e.target === 'scripted' && e.detail.form === 'tc260-wg'));
  // A bad option is explained in the element and as an error event.
  const refused = await page.evaluate(async () => {
    const el = document.createElement('div');
    el.id = 'bad';
    document.body.append(el);
    return formseal.mount(el, { form: 'tc260-wg', config: { 'tc260-wg': { deadline: 'soon' } } }).then(() => 'mounted', (e) => String(e));
  });
  assert.match(refused, /deadline: “soon” is not a date/);
  assert.ok((await events(page, 'error')).some((e) => e.target === 'bad' && e.detail.code === 'options'));
  assert.deepEqual(errors, []);
  await ctx.close();
});
