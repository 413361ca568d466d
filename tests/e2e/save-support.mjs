// "Save page as" for real, in any browser: a display of our own (Xvfb), the page opened from a
// server of dist/ in a real browser window, Ctrl+S and the save dialog answered by keyboard
// (xdotool), the server then stopped.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './support.mjs';

export const FORMSEAL = process.env.FORMSEAL_BIN || 'target/debug/formseal';
export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
export const env = {};

/** Waits until `check()` is true (polling), or fails with `what`. */
export async function until(check, what, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out: ${what}`);
}

/**
 * Registers hooks that start Xvfb on a free display (`env.display`) and stop it. `-noreset`: by
 * default an X server resets when its last client disconnects, and a browser started while it
 * does so cannot open the display (seen in CI: the Firefox test's second browser, started as the
 * first one quit, failed with "cannot open display").
 */
export function useDisplay(before, after) {
  before(async () => {
    for (env.display = 90; existsSync(`/tmp/.X11-unix/X${env.display}`); env.display++);
    env.xvfb = spawn('Xvfb', [`:${env.display}`, '-noreset', '-screen', '0', '1280x960x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    await until(() => existsSync(`/tmp/.X11-unix/X${env.display}`), 'Xvfb');
  });
  after(() => env.xvfb?.kill());
}

export const x = (...args) =>
  execFileSync('xdotool', args, { env: { ...process.env, DISPLAY: `:${env.display}` }, encoding: 'utf8' }).trim();
export const windows = (...query) => {
  try {
    return x('search', '--onlyvisible', ...query).split('\n').filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
};

/** Chromium in a window on our display, with a profile of its own. */
export async function chromiumAt(url) {
  const profile = await mkdtemp(join(tmpdir(), 'formseal-profile-'));
  await mkdir(join(profile, 'Default'));
  // "Webpage, Complete" (Chromium's default, said here so a changed default cannot change the test).
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ savefile: { type: 1 } }));
  return spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
    `--user-data-dir=${profile}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    '--lang=zh-CN', '--disable-features=Translate', '--test-type', '--window-size=1200,900', url,
  ], { env: { ...process.env, DISPLAY: `:${env.display}` }, stdio: 'ignore' });
}

/**
 * Opens `page` of a server of dist/ in a real browser window (`start(url)` starts it), presses
 * Ctrl+S and saves it as `file` (the dialog's type list shows "complete"); resolves to the paths
 * the server was asked for while the page was visited (before the save, which fetches what it
 * saves) and in all, and the saved bundle's path.
 */
export async function saveWithCtrlS(page, file, start = chromiumAt) {
  const asked = [];
  let visited = [];
  let bundle;
  const server = await serve('dist', (req) => {
    asked.push(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    return false;
  });
  const browser = await start(`${server.url}${page}`);
  try {
    // The widget has its wasm and its form, and has drawn it.
    await until(() => asked.includes('/formseal-app_bg.wasm') && asked.some((p) => p.startsWith('/forms/')), 'the widget loads');
    await sleep(3000);
    const [window] = windows('--name', 'Chromium|Firefox');
    if (!window) throw new Error('no browser window');
    x('windowfocus', '--sync', window);
    // A click on the page's heading (as a person would before pressing the shortcut).
    x('mousemove', '600', '250');
    x('click', '1');
    await sleep(300);
    visited = [...asked];
    x('key', '--clearmodifiers', 'ctrl+s');
    let dialog;
    await until(() => ([dialog] = windows('--name', '^(Save File|Save As|另存为|保存文件)')).length > 0, 'the save dialog');
    x('windowfocus', '--sync', dialog);
    await sleep(500);
    // The file name field has focus with the suggested name selected: a full path replaces it;
    // Alt+S is the dialog's Save (its type list shows "Webpage, Complete").
    x('key', '--clearmodifiers', 'ctrl+a');
    x('type', '--delay', '15', file);
    await sleep(500);
    x('key', 'alt+s');
    // The bundle, as the browser names it (Firefox adds a suffix: formseal-saved_Jgu0.js).
    const files = file.replace(/\.html$/, '_files');
    const found = () => existsSync(files) && readdirSync(files).find((f) => f.startsWith('formseal-saved'));
    await until(() => existsSync(file) && found(), 'the saved page and its files', 60000);
    bundle = join(files, found());
    // Written whole (its size stops changing).
    let size = -1;
    await until(() => {
      const now = statSync(bundle).size;
      const done = now === size && now > 1_000_000;
      size = now;
      return done;
    }, 'the bundle written whole', 60000);
  } finally {
    browser.kill();
    await server.close();
  }
  return { visited, asked, bundle };
}

