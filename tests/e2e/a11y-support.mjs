// Shared by the accessibility tests (issue 18): the browser, the states a page is brought to
// (a form empty, complete, with errors, the review page, English) and the reference folders.
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { useBrowser } from './support.mjs';

export const env = useBrowser(before, after);
export const UPDATE = Boolean(process.env.FORMSEAL_UPDATE_REFERENCES);
export const REFS = 'tests/e2e/refs';
export const ARIA = 'tests/e2e/aria';

// 1280 × 800 at 200 % zoom, and a small phone.
export const ZOOM = { width: 640, height: 800 };
export const PHONE = { width: 360, height: 740 };

export const FORMS = {
  'tc260-wg': 'fixtures/tc260-complete.json',
  'group-std-coauthor': 'fixtures/coauthor-complete.json',
  'aii-member': 'fixtures/aii-complete.json',
};

// The few words the tests click or wait for, per language.
export const WORDS = {
  zh: { review: '核对信息', import: '导入草稿', imported: '已导入草稿 draft.json', saved: '已保存' },
  en: { review: 'Review answers', import: 'Import draft', imported: 'Imported the draft draft.json', saved: 'Saved' },
};

/** A blank page where screenshots are scaled and compared (a canvas: no npm dependency). */
export async function canvasPage() {
  env.canvas ??= await (await env.browser.newContext()).newPage();
  return env.canvas;
}

/** A fresh context (empty storage) and page at `viewport`. */
export async function fresh(viewport = { width: 1280, height: 800 }) {
  const ctx = await env.browser.newContext({ locale: 'zh-CN', acceptDownloads: true, viewport });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  return { ctx, page, errors };
}

export async function startPage(page) {
  await page.goto(env.server.url);
  await page.locator('.fs-home__item a').first().waitFor();
}

export async function openForm(page, form) {
  await page.goto(`${env.server.url}#/${form}`);
  await page.locator('.fs-form .fs-section').first().waitFor();
}

/** Imports the form's complete fixture as a draft (the toolbar's 导入草稿). */
export async function loadComplete(page, form, lang = 'zh') {
  const words = WORDS[lang];
  await page.getByLabel(words.import).setInputFiles({ name: 'draft.json', mimeType: 'application/json', buffer: await readFile(FORMS[form]) });
  await page.getByText(words.imported).waitFor();
  await page.locator('.fs-toolbar__status', { hasText: words.saved }).waitFor();
}

/** Tries to continue with errors: the summary and every field's message are shown. */
export async function showErrors(page, lang = 'zh') {
  await page.getByRole('button', { name: WORDS[lang].review }).click();
  await page.locator('.fs-summary[role="alert"]').waitFor();
  await page.locator('.fs-field--invalid').first().waitFor();
}

export async function toReview(page, lang = 'zh') {
  await page.getByRole('button', { name: WORDS[lang].review, exact: true }).click();
  await page.locator('.fs-review .fs-package').waitFor();
}

export async function english(page) {
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: '中文' }).waitFor();
}

/** Makes the package; resolves to its bytes. */
export async function makePackage(page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  const file = join(await mkdtemp(join(tmpdir(), 'formseal-a11y-')), 'package.zip');
  await (await download).saveAs(file);
  await page.locator('.fs-package__done:not([hidden])').waitFor();
  return readFile(file);
}
