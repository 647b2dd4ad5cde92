// The real user path in a browser: code-server with the extension installed, the sample-like folder open, the
// command palette's "Train VAE on Folder…", the folder dialog accepted as offered, and the panel filling up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { writeTinyDataset } from '../helpers/tinyFolder';

const repo = resolve(__dirname, '../..');

async function panelFrame(page: Page): Promise<Frame | null> {
  for (const f of page.frames()) {
    const found = await f.evaluate(() => !!document.getElementById('loss') && !!document.getElementById('klbars')).catch(() => false);
    if (found) return f;
  }
  return null;
}

/** F1, type the command's title, Enter: as a user runs a command. */
async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-box input');
  await page.keyboard.type(title);
  await page.waitForTimeout(800);
  await page.keyboard.press('Enter');
}

test('a user trains from the command palette and watches the panel fill', { timeout: 5 * 60_000 }, async () => {
  const { startCodeServer } = await import('../../scripts/codeServer.mjs');
  const scratch = mkdtempSync(join(tmpdir(), 'le-user-'));
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Browser | undefined;
  try {
    const workspace = writeTinyDataset(64, join(scratch, 'shapes'));
    const extensions = join(scratch, 'extensions');
    mkdirSync(extensions);
    symlinkSync(repo, join(extensions, 'latent-explorer.latent-explorer-0.1.0'));
    server = await startCodeServer({ workspace, extensionsDir: extensions });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForTimeout(3000);
    await runFromPalette(page, 'Latent Explorer: Train VAE on Folder');
    // code-server's folder dialog opens on the workspace folder; accept it as offered
    await page.waitForTimeout(1500);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    const ok = page.locator('.quick-input-header .monaco-button, .quick-input-action a').first();
    if (await ok.isVisible().catch(() => false)) await ok.click().catch(() => undefined);
    // the panel opens and updates every epoch (10 epochs by default on 64 tiny images: seconds)
    let frame: Frame | null = null;
    const deadline = Date.now() + 120_000;
    let status = '';
    while (Date.now() < deadline) {
      frame = frame ?? (await panelFrame(page));
      status = frame ? ((await frame.textContent('#status').catch(() => '')) ?? '') : '';
      if (/completed/.test(status)) break;
      await page.waitForTimeout(500);
    }
    assert.match(status, /completed — epoch 10\/10/, `panel status: "${status}"`);
    assert.equal(await frame!.locator('.klbar').count(), 20, 'KL bars for the default 20 latent dimensions');
    // the PCA latent map arrives without being asked for once training completes
    await frame!.waitForFunction(() => /PCA of μ\(x\) for 64 images/.test(document.getElementById('map-note')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const models = join(workspace, '.latent-explorer', 'models');
    assert.ok(existsSync(models) && readdirSync(models).length === 1, 'the model was written to the default models folder');
    // refreshing the README's screenshots is opt-in, so a test run leaves the working tree clean
    if (process.env.LATENT_EXPLORER_SCREENSHOTS) await page.screenshot({ path: join(repo, 'docs/screenshots/user-path-trained.png') });
    // a window reload, as a user does it (the command saves the workbench state first): VS Code restores the
    // panel through our WebviewPanelSerializer, with the model's data
    await runFromPalette(page, 'Developer: Reload Window');
    await page.waitForTimeout(3000);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    let restored = '';
    const after = Date.now() + 60_000;
    while (Date.now() < after) {
      const f = await panelFrame(page);
      restored = f ? ((await f.textContent('#status').catch(() => '')) ?? '') : '';
      if (/completed/.test(restored)) {
        assert.equal(await f!.locator('.klbar').count(), 20, 'the restored panel shows the KL bars again');
        break;
      }
      await page.waitForTimeout(500);
    }
    if (!/completed/.test(restored)) await page.screenshot({ path: join(tmpdir(), 'le-after-reload.png') });
    assert.match(restored, /completed — epoch 10\/10/, `after reload the panel says: "${restored}"`);
  } finally {
    // always, also when starting either of them failed: nothing may outlive the test
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
