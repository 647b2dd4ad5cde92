// Japanese with --locale ja: code-server started in Japanese, the extension installed, a saved model's folder open.
// The command palette offers the Japanese command title (package.nls.ja.json), the command's folder dialog has the
// host's Japanese title (vscode.l10n.t), and the model panel shows Japanese headings, notes and facts (the
// bundle passed to the page). Each step waits for what it needs; nothing waits for a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { runFromPalette } from '../helpers/palette';
import { tempDir } from '../helpers/tempDir';

const repo = resolve(__dirname, '../..');
const ja = (key: string): string => (require(join(repo, 'l10n/bundle.l10n.ja.json')) as Record<string, string>)[key];
const jaNls = require(join(repo, 'package.nls.ja.json')) as Record<string, string>;

/** The model panel's frame, once its page has its sections. */
async function panelFrame(page: Page): Promise<Frame> {
  for (let tries = 0; ; tries++) {
    for (const f of page.frames()) {
      if (await f.evaluate(() => !!document.getElementById('loss-h')).catch(() => false)) return f;
    }
    if (tries === 600) throw new Error('no model panel');
    // the next frame event (a frame attached or navigated), or a short poll tick when the page is busy
    await Promise.race([page.waitForEvent('frameattached', { timeout: 500 }).catch(() => undefined), page.waitForEvent('framenavigated', { timeout: 500 }).catch(() => undefined)]);
  }
}

/**
 * code-server resolves a display language only when a language pack for it is installed (user-data's
 * languagepacks.json, written when a pack is installed); the Marketplace's Japanese pack is not available offline,
 * so the test installs a stand-in: a pack contributing `ja` with no translations of its own (the workbench stays
 * English, extensions see ja, as with the real pack), and records it in the user-data folder as an install would.
 */
function writeLanguagePackStandIn(extensions: string, userData: string): void {
  const dir = join(extensions, 'latent-explorer-test.language-pack-ja-0.0.1');
  mkdirSync(join(dir, 'translations'), { recursive: true });
  writeFileSync(join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'language-pack-ja',
      publisher: 'latent-explorer-test',
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
      categories: ['Language Packs'],
      contributes: { localizations: [{ languageId: 'ja', languageName: 'Japanese', localizedLanguageName: '日本語', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
    }),
  );
  const pack = { hash: 'stand-in-1', extensions: [{ extensionIdentifier: { id: 'latent-explorer-test.language-pack-ja' }, version: '0.0.1' }], translations: { vscode: join(dir, 'translations', 'main.i18n.json') }, label: '日本語' };
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify({ ja: pack }));
}

test('with --locale ja the command titles, the host messages and the model panel are Japanese', { timeout: 10 * 60_000 }, async () => {
  const { startCodeServer } = await import('../../scripts/codeServer.mjs');
  const scratch = tempDir('le-locale-');
  const model = join(scratch, 'mlp-vae-v1');
  cpSync(join(repo, 'test/fixtures/models/mlp-vae-v1'), model, { recursive: true });
  const extensions = join(scratch, 'extensions');
  mkdirSync(extensions);
  symlinkSync(repo, join(extensions, 'latent-explorer.latent-explorer-0.1.0'));
  const userData = join(scratch, 'user-data');
  writeLanguagePackStandIn(extensions, userData);
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ workspace: model, extensionsDir: extensions, locale: 'ja', userDataDir: userData });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(model)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
    // the first window of a new display language comes up before the server has the language's extension
    // manifests (its palette lacks our commands); a reload, as after installing a language pack, has them
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });

    // the palette finds the command by its Japanese title: package.nls.ja.json is in use
    const openTitle = jaNls['command.openModel'].replace(/…$/, '');
    assert.equal(openTitle, 'モデルを開く');
    await runFromPalette(page, `Latent Explorer: ${openTitle}`);
    // the folder dialog is titled by vscode.l10n.t in Japanese; it opens on the workspace (the model): accept it
    const dialogTitle = ja('Model folder (holding manifest.json)');
    await page.waitForFunction((t) => (document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '').includes(t), dialogTitle, { timeout: 120_000 });
    await page.keyboard.press('Enter');
    const ok = page.locator('.quick-input-header .monaco-button, .quick-input-action a').first();
    if (await ok.isVisible().catch(() => false)) await ok.click().catch(() => undefined);

    // the panel: headings and the closed notes from the host's translation, facts from the page's t()
    const frame = await panelFrame(page);
    assert.equal(await frame.getAttribute('html', 'lang'), 'ja');
    assert.equal((await frame.textContent('#loss-h'))?.trim().startsWith(ja('Loss curves')), true);
    assert.equal((await frame.textContent('#kl-h'))?.trim().startsWith(ja('KL per latent dimension')), true);
    assert.equal((await frame.textContent('#rec-h'))?.trim().startsWith(ja('Reconstructions')), true);
    const notes = frame.locator('details.explain');
    assert.ok((await notes.count()) >= 8, 'a note per section');
    assert.equal(await notes.first().locator('summary').textContent(), 'これは何?');
    assert.equal(await notes.first().evaluate((d) => (d as HTMLDetailsElement).open), false, 'notes are closed by default');
    await frame.waitForFunction((t) => [...document.querySelectorAll('#facts dt')].some((d) => d.textContent === t), ja('Model'), { timeout: 120_000 });
    const facts = (await frame.textContent('#facts')) ?? '';
    assert.ok(facts.includes(ja('VAE, trained on the ELBO')), facts);
    assert.ok(facts.includes(ja('{0} images ({1} train, {2} validation)').replace('{0}', '10').replace('{1}', '9').replace('{2}', '1')), facts);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
});
