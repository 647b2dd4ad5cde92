import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tempDir } from '../../helpers/tempDir';

const cli = join(__dirname, '../../../dist/cli.js');

test('a bad training flag exits 1 with one line naming the flag, before anything is written', () => {
  // a real dataset and a tiny run: were a value not refused, this would train and write a model (exit 0)
  const data = writeTinyDataset(16);
  const base = tempDir('le-flags-');
  const cases: [string[], RegExp][] = [
    [['--beta', '-1'], /^latent-explorer: --beta is -1; it must be a number ≥ 0 /],
    [['--beta=-1'], /^latent-explorer: --beta is -1; it must be a number ≥ 0 /],
    [['--batch', '0'], /^latent-explorer: --batch is 0; it must be an integer ≥ 1 /],
    [['--free-bits', '-0.5'], /^latent-explorer: --free-bits is -0\.5; it must be a number from 0 to 1000 /],
    [['--validation', '0.95'], /^latent-explorer: --validation is 0\.95; it must be a number from 0 to 0\.9 /],
    [['--hidden', '16,-4'], /^latent-explorer: --hidden is 16,-4; it must be a list of at most 8 layer sizes/],
  ];
  for (const [flags, message] of cases) {
    const out = join(base, flags.join('_'));
    const r = spawnSync(process.execPath, [cli, 'train', data, '--out', out, '--epochs', '1', '--latent', '2', '--hidden', '4', '--batch', '8', ...flags], { encoding: 'utf8' });
    assert.equal(r.status, 1, `${flags.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], message);
    assert.equal(existsSync(out), false, `${flags.join(' ')}: nothing is written`);
  }
});
