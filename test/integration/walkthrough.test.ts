import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { runFromPalette } from '../helpers/palette';
import { tempDir } from '../helpers/tempDir';

// The walkthrough as a user opens it (Welcome: Open Walkthrough…, then ours) in a real workbench: its steps are
// listed and its step images load from the extension (package.json's media paths resolve).
const repo = resolve(__dirname, '../..');
test('the walkthrough opens in code-server with its five steps and their images', { timeout: 10 * 60_000 }, async () => {
  const { startCodeServer } = await import('../../scripts/codeServer.mjs');
  const scratch = tempDir('le-walkthrough-');
  const extensions = join(scratch, 'extensions');
  mkdirSync(extensions);
  symlinkSync(repo, join(extensions, 'latent-explorer.latent-explorer-0.1.0'));
  const workspace = join(repo, 'samples', 'fashion-mnist');
  const server = await startCodeServer({ workspace, extensionsDir: extensions });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    await runFromPalette(page, 'Welcome: Open Walkthrough');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('Train and explore your first VAE');
    await page.waitForFunction(() => /first VAE/.test(document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') ?? ''), undefined, { timeout: 60_000 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Read the loss curves/.test(document.body.innerText) && /Diagnose|collapse/i.test(document.body.innerText), undefined, { timeout: 120_000 });
    // the selected step's image, served from the extension's media/walkthrough/
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((i) => /walkthrough/.test(decodeURIComponent(i.src)) && i.naturalWidth > 0), undefined, { timeout: 120_000 });
    const text = await page.evaluate(() => document.body.innerText);
    for (const t of ['Open a folder of images', 'Train a VAE', 'Read the loss curves', 'Encode']) assert.ok(text.includes(t), `the walkthrough lacks the step "${t}"`);
  } finally {
    await browser.close();
    await server.stop();
  }
});
