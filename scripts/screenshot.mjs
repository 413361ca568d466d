// Takes screenshots of the built app (dist/) for a person to look at: node scripts/screenshot.mjs OUTDIR
import { serve, launch, openApp } from '../tests/e2e/support.mjs';
import { mkdir } from 'node:fs/promises';

const out = process.argv[2] ?? 'screenshots';
await mkdir(out, { recursive: true });
const server = await serve('dist');
const browser = await launch();
const { page } = await openApp(browser, server.url);
await page.setViewportSize({ width: 1280, height: 900 });
await page.screenshot({ path: `${out}/form-empty.png`, fullPage: true });
await page.getByRole('button', { name: '核对信息' }).click();
await page.screenshot({ path: `${out}/form-errors.png`, fullPage: true });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: `${out}/form-phone.png`, fullPage: false });
await browser.close();
await server.close();
