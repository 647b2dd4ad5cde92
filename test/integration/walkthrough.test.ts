import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
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
    await openOurWalkthrough(page);
    // the selected step's image, served from the extension's media/walkthrough/
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((i) => /walkthrough/.test(decodeURIComponent(i.src)) && i.naturalWidth > 0), undefined, { timeout: 120_000 });
    const text = await page.evaluate(() => document.body.innerText);
    for (const t of ['Open a folder of images', 'Train a VAE', 'Read the loss curves', 'Encode']) assert.ok(text.includes(t), `the walkthrough lacks the step "${t}"`);
  } finally {
    await browser.close();
    await server.stop();
  }
});

/**
 * Welcome: Open Walkthrough…, then ours, as a user does. A workbench still starting can close the walkthrough picker
 * or swallow the Enter (seen once in CI), so each try checks what opened and starts again when it is not our
 * walkthrough, saving what the page showed (out/walkthrough-try-N.png) for the log; it gives up after five tries.
 */
async function openOurWalkthrough(page: Page): Promise<void> {
  const stepsShown = () => /Read the loss curves/.test(document.body.innerText) && /Diagnose|collapse/i.test(document.body.innerText);
  for (let attempt = 1; ; attempt++) {
    await runFromPalette(page, 'Welcome: Open Walkthrough');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const picked = await input
      .fill('Train and explore your first VAE', { timeout: 30_000 })
      .then(() =>
        page.waitForFunction(
          () => /first VAE/.test(document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') ?? ''),
          undefined,
          { timeout: 30_000 },
        ),
      )
      .then(() => true, () => false);
    if (picked) {
      await page.keyboard.press('Enter');
      if (await page.waitForFunction(stepsShown, undefined, { timeout: 60_000 }).then(() => true, () => false)) return;
    }
    const shot = join(repo, 'out', `walkthrough-try-${attempt}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    const seen = await page.evaluate(() => document.body.innerText.slice(0, 300).replace(/\s+/g, ' ')).catch(() => '?');
    console.log(`walkthrough try ${attempt}: not opened (${picked ? 'picked, steps not shown' : 'not offered'}); page: ${seen}; ${shot}`);
    if (attempt === 5) throw new Error(`our walkthrough did not open after ${attempt} tries; see ${shot}`);
    await page.keyboard.press('Escape');
  }
}
