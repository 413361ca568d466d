// Debian's Firefox ESR for the save-page test: a profile with the prefs a test needs, started in a
// window under Xvfb, and a small WebDriver BiDi client (Firefox's own remote protocol; Playwright
// drives only its patched Firefox, which cannot be downloaded here).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { ws: WebSocket } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle');

/**
 * Starts Firefox on `display` at `url`. `downloads`: where downloads go, unasked. `offline`: every
 * http(s) request goes to a dead proxy (refused), localhost included. `port`: the BiDi port.
 */
export async function startFirefox({ display, url, downloads, offline = false, port }) {
  const profile = await mkdtemp(join(tmpdir(), 'formseal-firefox-'));
  const prefs = {
    'browser.shell.checkDefaultBrowser': false,
    'browser.aboutwelcome.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.translations.enable': false,
    'app.update.auto': false,
    // The GTK dialog (no desktop portal on these machines).
    'widget.use-xdg-desktop-portal.file-picker': 0,
    'browser.download.useDownloadDir': Boolean(downloads),
    'browser.download.folderList': 2,
    'browser.download.dir': downloads ?? '',
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    ...(offline && {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    }),
  };
  await writeFile(join(profile, 'user.js'), Object.entries(prefs).map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join('\n'));
  const args = ['-profile', profile, '-no-remote', '-new-instance', ...(port ? ['--remote-debugging-port', String(port)] : []), url];
  const firefox = spawn('firefox-esr', args, { env: { ...process.env, DISPLAY: `:${display}` }, stdio: ['ignore', 'ignore', 'pipe'] });
  firefox.log = '';
  firefox.stderr.on('data', (d) => {
    firefox.log = (firefox.log + d).slice(-4000);
  });
  return firefox;
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** A WebDriver BiDi session on `port`: `send(method, params)` and the events received. */
export async function bidi(port) {
  let socket;
  const end = Date.now() + 60000;
  while (!socket && Date.now() < end) {
    socket = await new Promise((ok) => {
      const s = new WebSocket(`ws://127.0.0.1:${port}/session`);
      s.once('open', () => ok(s));
      s.once('error', () => ok(undefined));
    });
    if (!socket) await new Promise((ok) => setTimeout(ok, 300));
  }
  if (!socket) throw new Error(`no WebDriver BiDi on port ${port}`);
  let id = 0;
  const waiting = new Map();
  const events = [];
  socket.on('message', (data) => {
    const m = JSON.parse(String(data));
    if (m.id && waiting.has(m.id)) {
      const { ok, fail } = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.type === 'error') fail(new Error(`${m.error}: ${m.message}`));
      else ok(m.result);
    } else if (m.type === 'event') {
      events.push(m);
    }
  });
  const send = (method, params = {}) =>
    new Promise((ok, fail) => {
      waiting.set(++id, { ok, fail });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('session.new', { capabilities: {} });
  const { contexts } = await send('browsingContext.getTree', {});
  const context = contexts[0].context;
  /** Evaluates `expression` (awaiting a promise) in the page; resolves to its JSON value. */
  const evaluate = async (expression) => {
    const r = await send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (${expression})))()`,
      target: { context },
      awaitPromise: true,
    });
    if (r.type === 'exception') throw new Error(`${expression}: ${r.exceptionDetails.text}`);
    return r.result.value === undefined ? undefined : JSON.parse(r.result.value);
  };
  return { send, events, context, evaluate, close: () => socket.close() };
}
