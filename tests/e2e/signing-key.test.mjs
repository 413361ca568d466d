// End to end (issue 15, third defect): when the signing key's description cannot be written to
// browser storage, the next package must not make a new key over the stored one — the applicant
// would lose the key their earlier packages were signed with.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, openApp } from './support.mjs';

const env = useBrowser(before, after);

/** Makes a package and returns the fingerprint of the key that signed it. */
async function makePackage(page) {
  const ready = page.evaluate(
    () => new Promise((ok) => document.addEventListener('formseal:package-ready', (e) => ok(e.detail.keyFingerprint), { once: true })),
  );
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成并下载申请包' }).click();
  await download;
  return ready;
}

test("a key description that cannot be stored never makes a new key over the old one", async () => {
  const { ctx, page, errors } = await openApp(env.browser, env.server.url);
  await page.getByLabel('导入草稿').setInputFiles({ name: 'd.json', mimeType: 'application/json', buffer: await readFile('fixtures/tc260-complete.json') });
  await page.getByText('已导入草稿').waitFor();
  await page.getByRole('button', { name: '核对信息' }).click();
  const first = await makePackage(page);
  assert.match(first, /^[0-9a-f]{64}$/);
  // The description is lost, and writing it fails from now on (storage full, or refused).
  await page.evaluate(() => localStorage.removeItem('formseal:signing-key'));
  await ctx.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'formseal:signing-key') throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await page.reload();
  await page.getByRole('heading', { name: '核对信息', level: 2 }).waitFor();
  const second = await makePackage(page);
  assert.equal(second, first, 'the package is signed with the stored key');
  assert.deepEqual(errors, []);
  await ctx.close();
});
