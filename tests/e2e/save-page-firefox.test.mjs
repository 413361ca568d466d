// End to end, a real "Save page as" in Debian's Firefox ESR (save-support.mjs: a window under Xvfb,
// Ctrl+S and the save dialog answered by xdotool, the server then stopped). Firefox drops the
// shadow DOM when it saves, renames the saved scripts (formseal-saved_Jgu0.js) and keeps one
// storage per local file. The copy is opened in Firefox with every http(s) request sent to a dead
// proxy, driven over WebDriver BiDi: it fills, keeps its draft across a reload, and makes a package
// that `formseal verify` accepts, under the page's strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bidi, freePort, startFirefox } from './firefox.mjs';
import { env, FORMSEAL, saveWithCtrlS, sleep, until, useDisplay } from './save-support.mjs';

useDisplay(before, after);

/** An element of the widget, found as a person would: a field by its label, a button by its text. */
const widget = `document.querySelector('formseal-form')?.shadowRoot`;
const field = (label) =>
  `(() => { const r = ${widget}; const l = r && [...r.querySelectorAll('label')].find((l) => l.textContent.trim().startsWith(${JSON.stringify(label)})); return l && r.getElementById(l.htmlFor); })()`;
const button = (text) =>
  `(() => { const r = ${widget}; return r && [...r.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(text)}); })()`;

test('a host page saved with Ctrl+S in Firefox ESR runs the widget from disk: draft, reload, package, verified', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'formseal-firefox-save-'));
  const file = resolve(join(dir, 'apply.html'));
  const firefoxAt = (url) => startFirefox({ display: env.display, url });
  const { visited, bundle } = await saveWithCtrlS('examples/strict-csp.html', file, firefoxAt);
  assert.ok(!visited.some((p) => p.includes('formseal-saved')), `visiting the page never fetches the saved-copy bundle: ${visited}`);
  assert.match(await readFile(file, 'utf8'), /data-formseal-saved[^>]*apply_files\/formseal-saved[^"]*\.js/);
  assert.ok(bundle.endsWith('.js'));

  const downloads = await mkdtemp(join(tmpdir(), 'formseal-firefox-downloads-'));
  const port = await freePort();
  const firefox = await startFirefox({ display: env.display, url: pathToFileURL(file).href, downloads, offline: true, port });
  const page = await bidi(port).catch((e) => {
    throw new Error(`${e.message}; Firefox said: ${firefox.log}`);
  });
  try {
    await page.send('session.subscribe', { events: ['network.beforeRequestSent'] });
    const ready = () => page.evaluate(`Boolean(${field('单位名称（中文）')})`).catch(() => false);
    await until(ready, 'the widget in the copy', 90000);
    assert.equal(await page.evaluate(`${widget}.querySelectorAll('.fs-root').length`), 1, 'once');
    assert.ok(await page.evaluate(`${widget}.textContent.includes('联网页面中的草稿不在这里')`), 'the online draft is elsewhere: said');
    await page.evaluate(`(() => { const i = ${field('单位名称（中文）')}; i.value = '火狐副本测试单位'; i.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
    await until(
      () => page.evaluate(`Object.entries(localStorage).some(([k, v]) => k.endsWith(':draft') && v.includes('火狐副本测试单位'))`),
      'the draft saved',
    );
    await page.send('browsingContext.reload', { context: page.context, wait: 'complete' });
    await until(ready, 'the widget after a reload', 90000);
    assert.equal(await page.evaluate(`${field('单位名称（中文）')}.value`), '火狐副本测试单位');

    // A complete draft imported (the file chooser's input given a File), then the package.
    const draft = await readFile('fixtures/tc260-complete.json', 'utf8');
    await page.evaluate(`(() => {
      const input = ${field('导入草稿')};
      const files = new DataTransfer();
      files.items.add(new File([${JSON.stringify(draft)}], 'draft.json', { type: 'application/json' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`);
    await until(() => page.evaluate(`${widget}.textContent.includes('已导入')`), 'the draft imported');
    await page.evaluate(`${button('核对信息')}.click() ?? true`);
    await until(() => page.evaluate(`Boolean(${button('生成并下载申请包')})`), 'the package panel', 90000);
    await page.evaluate(`${button('生成并下载申请包')}.click() ?? true`);
    const zip = () => readdirSync(downloads).find((f) => f.endsWith('.zip'));
    await until(() => zip() && !readdirSync(downloads).some((f) => f.endsWith('.part')), 'the package downloaded', 120000);
    await sleep(500);
    const report = JSON.parse(execFileSync(FORMSEAL, ['verify', '--json', join(downloads, zip())], { encoding: 'utf8' }));
    assert.equal(report.status, 'valid', JSON.stringify(report.problems));
    assert.deepEqual(await page.evaluate('window.cspViolations'), [], 'nothing the policy refuses');
    const requests = page.events
      .filter((e) => e.method === 'network.beforeRequestSent')
      .map((e) => e.params.request.url)
      .filter((u) => /^https?:/.test(u));
    assert.deepEqual(requests, [], 'no network request');
  } finally {
    page.close();
    firefox.kill();
  }
  assert.ok(existsSync(file));
});
