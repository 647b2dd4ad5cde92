// The command palette as a user drives it, for the browser tests of a real workbench.
import type { Page } from 'playwright-core';

/**
 * F1, the command's title, Enter once the palette has filtered down to it: as a user runs a command. A workbench
 * still starting up on a busy machine can swallow F1 or the first keys, so each try checks what the palette shows
 * and starts again (Escape) when it is not the command; it gives up after ten tries, not after a time.
 */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const label = title.replace(/^.*?: /, '');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const opened = await input.waitFor({ state: 'visible', timeout: 30_000 }).then(() => true, () => false);
    if (opened) {
      // fill() sets the whole text at once: no keystroke can be lost to a focus change
      await input.fill(`>${title}`);
      const found = await page
        .waitForFunction(
          (t) => (document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') ?? '').includes(t),
          label,
          { timeout: 30_000 },
        )
        .then(() => true, () => false);
      if (found) {
        await page.keyboard.press('Enter');
        return;
      }
    }
    if (attempt === 10) throw new Error(`the command palette never offered "${title}"`);
    await page.keyboard.press('Escape');
  }
}
