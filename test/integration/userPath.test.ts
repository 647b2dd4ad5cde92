// The real user path in a browser: code-server with the extension installed, the sample-like folder open, the
// command palette's "Train VAE on Folder…", the folder dialog accepted as offered, and the panel filling up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { runFromPalette } from '../helpers/palette';
import { writeTinyDataset } from '../helpers/tinyFolder';

const repo = resolve(__dirname, '../..');

async function panelFrame(page: Page): Promise<Frame | null> {
  for (const f of page.frames()) {
    const found = await f.evaluate(() => !!document.getElementById('loss') && !!document.getElementById('klbars')).catch(() => false);
    if (found) return f;
  }
  return null;
}

/**
 * Polls the panel's status line until it matches `done`; fails only when the status stops changing for
 * `stallMs` (no progress), however long the whole run takes on a slow machine.
 */
async function waitForStatus(page: Page, done: RegExp, stallMs: number): Promise<{ frame: Frame | null; status: string }> {
  let frame: Frame | null = null;
  let status = '';
  let lastChange = Date.now();
  while (Date.now() - lastChange < stallMs) {
    frame = frame ?? (await panelFrame(page));
    const now = frame ? ((await frame.textContent('#status').catch(() => '')) ?? '') : '';
    if (now !== status) {
      status = now;
      lastChange = Date.now();
    }
    if (done.test(status)) break;
    await page.waitForTimeout(500);
  }
  return { frame, status };
}

test('a user trains from the command palette and watches the panel fill', { timeout: 15 * 60_000 }, async () => {
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
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    // the extension's commands are there once the palette lists them (runFromPalette waits for the row)
    await runFromPalette(page, 'Latent Explorer: Train VAE on Folder');
    // code-server's folder dialog (a quick input titled by our command) opens on the workspace folder: accept it
    await page.waitForFunction(() => /Dataset folder/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 120_000 });
    await page.keyboard.press('Enter');
    const ok = page.locator('.quick-input-header .monaco-button, .quick-input-action a').first();
    if (await ok.isVisible().catch(() => false)) await ok.click().catch(() => undefined);
    // then the model to train: the first preset (MLP VAE) is selected; Enter takes it with the settings as they are
    await page.waitForFunction(() => /Model to train/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 120_000 });
    await page.keyboard.press('Enter');
    // the panel opens and its status changes every epoch (10 epochs by default on 64 tiny images): wait while it moves
    const { frame, status } = await waitForStatus(page, /completed/, 180_000);
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
    // the old workbench goes away before the new one loads: wait for the navigation (listened for before the
    // command runs, so a fast reload is not missed), then for the new workbench
    const reloaded = page.waitForEvent('load', { timeout: 120_000 });
    await runFromPalette(page, 'Developer: Reload Window');
    await reloaded;
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    const { frame: again, status: restored } = await waitForStatus(page, /completed/, 120_000);
    // the restored page may show its saved status a moment before it has redrawn the bars: wait for them
    if (/completed/.test(restored)) await again!.waitForFunction(() => document.querySelectorAll('.klbar').length === 20, undefined, { timeout: 120_000 });
    else await page.screenshot({ path: join(tmpdir(), 'le-after-reload.png') });
    assert.match(restored, /completed — epoch 10\/10/, `after reload the panel says: "${restored}"`);
  } finally {
    // always, also when starting either of them failed: nothing may outlive the test
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
