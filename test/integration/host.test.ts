// Runs the in-host suite (test/integration/suite) inside a real VS Code extension host: code-server from npm,
// driven by Debian's Chromium through playwright-core. Each host test becomes a subtest here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium';
import { writeTinyDataset } from '../helpers/tinyFolder';

const repo = resolve(__dirname, '../..');

test('the extension passes its tests inside a real VS Code host', { timeout: 8 * 60_000 }, async (t) => {
  const { ensureCodeServer, startCodeServer } = await import('../../scripts/codeServer.mjs');
  ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'le-host-'));
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Browser | undefined;
  const lines: string[] = [];
  try {
    const workspace = writeTinyDataset(64, join(scratch, 'dataset'));
    const grep: Record<string, string> = process.env.LE_TEST_GREP ? { LE_TEST_GREP: process.env.LE_TEST_GREP } : {};
    server = await startCodeServer({ workspace, env: { LE_TEST_WORKSPACE: workspace, ...grep } });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const exit = new Promise<number>((res) => void page.exposeFunction('codeAutomationExit', (code: number) => res(code)));
    // synchronous: the last results must be recorded before codeAutomationExit resolves (the [host] lines are
    // single strings; other messages are only for reading along with LE_TEST_VERBOSE)
    page.on('console', (msg) => {
      const text = msg.text();
      lines.push(text);
      // the workbench prefixes forwarded lines with a "%c INFO color: …" style; keep the result itself
      if (process.env.LE_TEST_VERBOSE) console.log(text);
      else if (text.includes('[host] ')) console.log(text.slice(text.indexOf('[host] ')));
      else if (text.includes('[host-measure] ')) console.log(text.slice(text.indexOf('[host-measure] ')));
    });
    const remote = `vscode-remote://127.0.0.1:${server.port}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `${remote}${repo}`],
      ['extensionTestsPath', `${remote}${join(repo, 'out/test/integration/index.js')}`],
    ]);
    // the wait is for the exit code below: on a loaded machine the workbench's load event alone took over 30 s
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'commit' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((_, rej) => {
      timer = setTimeout(() => rej(new Error('no exit code from the host within 7 minutes')), 7 * 60_000);
    });
    const code = await Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
    await new Promise((r) => setTimeout(r, 300)); // let console events already in flight arrive
    const results = lines.filter((l) => l.includes('[host] ')).map((l) => l.slice(l.indexOf('[host] ') + 7));
    for (const line of results) {
      const ok = line.startsWith('✓');
      const rest = line.slice(2);
      const cut = rest.indexOf(' :: ');
      const [title, error] = cut < 0 ? [rest, ''] : [rest.slice(0, cut), rest.slice(cut + 4)];
      await t.test(`host: ${title}`, () => {
        if (!ok) throw new Error(error);
      });
    }
    assert.ok(results.length >= (process.env.LE_TEST_GREP ? 1 : 8), `expected the host suite's results, got:\n${lines.slice(-40).join('\n')}`);
    assert.equal(code, 0, `host tests exited with ${code}:\n${lines.slice(-40).join('\n')}`);
  } finally {
    // always, also when starting either of them failed: nothing may outlive the test
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
