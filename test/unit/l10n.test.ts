// Every string people read has a Japanese translation: a new string without one fails here.
// Host strings are `vscode.l10n.t('…')` (src/extension), page strings `l10n.t('…')` (src/webview), both with the
// English source as the key; the static HTML of both webviews is translated by visible text (protocol/l10n.ts);
// package.json's `%key%`s resolve in package.nls.json and package.nls.ja.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderPanelHtml } from '../../src/extension/panelHtml';
import { renderSideViewHtml } from '../../src/extension/sideViewHtml';
import { renderCompareHtml } from '../../src/extension/compareHtml';
import { format, translateHtml, visibleStrings, type L10nBundle } from '../../src/protocol/l10n';

const repo = join(__dirname, '../..');
const read = (p: string) => readFileSync(join(repo, p), 'utf8');
const ja = JSON.parse(read('l10n/bundle.l10n.ja.json')) as L10nBundle;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(repo, dir))) {
    const p = join(dir, name);
    if (statSync(join(repo, p)).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The literal first arguments of l10n.t(…) calls, unescaped. */
function keysIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bl10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)) out.push(m[2].replace(/\\(.)/g, '$1'));
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

test('every l10n.t key in src/extension and src/webview has a Japanese translation with the same placeholders', () => {
  const missing: string[] = [];
  let seen = 0;
  for (const file of [...sources('src/extension'), ...sources('src/webview')]) {
    for (const key of keysIn(read(file))) {
      seen++;
      if (!(key in ja)) missing.push(`${file}: ${JSON.stringify(key)}`);
      else assert.deepEqual(placeholders(ja[key]), placeholders(key), `placeholders of ${JSON.stringify(key)}`);
    }
  }
  assert.ok(seen > 100, `only ${seen} l10n.t calls found: is the pattern still right?`);
  assert.deepEqual(missing, []);
});

test('no l10n.t call takes a template literal or a variable (the key would not be in the bundle)', () => {
  const bad: string[] = [];
  for (const file of [...sources('src/extension'), ...sources('src/webview')]) {
    for (const m of read(file).matchAll(/\bl10n\.t\(\s*([^'"\s])/g)) {
      // the status words are the protocol's own: each is a key (checked below)
      if (!/l10n\.t\((s|m)\.status\)/.test(read(file).slice(m.index, m.index + 20))) bad.push(`${file}: ${read(file).slice(m.index, m.index + 40)}`);
    }
  }
  assert.deepEqual(bad, []);
  for (const status of ['training', 'completed', 'cancelled', 'failed']) assert.ok(status in ja, status);
});

test('the static HTML of the model panel and the side view: every visible string is translated', () => {
  const input = { cspSource: 'https://x', nonce: 'n', scriptUri: '/s.js', styleUri: '/s.css' };
  for (const html of [renderPanelHtml({ ...input, title: 'VAE: m' }), renderSideViewHtml(input), renderCompareHtml({ ...input, title: 'VAE: m' })]) {
    const missing = visibleStrings(html).filter((s) => !(s in ja) && s !== 'VAE: m');
    assert.deepEqual(missing, [], 'strings of the HTML fragments with no entry in l10n/bundle.l10n.ja.json');
  }
  const translated = renderPanelHtml({ ...input, title: 'VAE: m', l10n: ja, lang: 'ja' });
  assert.match(translated, /<html lang="ja">/);
  assert.match(translated, /<h2 id="loss-h">損失曲線/);
  assert.match(translated, /<summary>これは何\?<\/summary>/);
  assert.match(translated, /<script type="application\/json" id="l10n">\{/);
  const left = visibleStrings(translated).filter((s) => s in ja && ja[s] !== s);
  assert.deepEqual(left, [], 'English strings left in the Japanese page');
});

test('each panel section has a closed "What am I looking at?" note', () => {
  const html = renderPanelHtml({ cspSource: 'https://x', nonce: 'n', scriptUri: '/s.js', styleUri: '/s.css', title: 't' });
  const notes = [...html.matchAll(/<details class="explain">/g)].length;
  assert.ok(notes >= 10, `${notes} notes`);
  assert.doesNotMatch(html, /<details class="explain" open/);
  assert.match(html, /log p\(x\) ≥ E_q\(z\|x\)\[log p\(x\|z\)\] − KL\(q\(z\|x\) ‖ p\(z\)\)/);
});

test('translateHtml and format: keys are trimmed text, space and markup kept, text escaped', () => {
  const b = { 'a spread': 'ある <広がり>', Steps: 'ステップ', 'x {0} y {1}': 'Y {1} X {0}' };
  assert.equal(translateHtml('<label><input type="radio"> a spread</label><b title="Steps">Steps</b>', b), '<label><input type="radio"> ある &lt;広がり&gt;</label><b title="ステップ">ステップ</b>');
  assert.equal(translateHtml('<p>Steps</p>', undefined), '<p>Steps</p>');
  assert.equal(format(b['x {0} y {1}'], [1, 'two']), 'Y two X 1');
});

test('package.json: every %key% is in package.nls.json and package.nls.ja.json, and the l10n folder is declared', () => {
  const pkg = read('package.json');
  const en = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const jaNls = JSON.parse(read('package.nls.ja.json')) as Record<string, string>;
  const keys = [...pkg.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length > 20, `${keys.length} keys`);
  for (const k of keys) {
    assert.ok(k in en, `${k} missing from package.nls.json`);
    assert.ok(k in jaNls, `${k} missing from package.nls.ja.json`);
  }
  assert.deepEqual(Object.keys(jaNls).sort(), Object.keys(en).sort(), 'package.nls.ja.json and package.nls.json list the same keys');
  const manifest = JSON.parse(pkg) as { l10n: string; contributes: { commands: { title: string }[] } };
  assert.equal(manifest.l10n, './l10n');
  for (const c of manifest.contributes.commands) assert.match(c.title, /^%.+%$/, `${c.title}: command titles come from package.nls`);
  assert.equal(relative(repo, join(repo, manifest.l10n, 'bundle.l10n.ja.json')), join('l10n', 'bundle.l10n.ja.json'));
});
