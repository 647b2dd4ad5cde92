// `train --net conv` from the command line: the JSON result and the manifest name the network, a conv network's
// dense layers default to the reference conv VAE's 256, and a bad --net is refused by name before anything is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { tempDir } from '../../helpers/tempDir';

const cli = join(__dirname, '../../../dist/cli.js');

test('train --net conv names the network in --json and in the manifest; --net mlp and no --net give an MLP', () => {
  const data = writeTinyDataset(16);
  const base = tempDir('le-net-');
  const run = (name: string, flags: string[]) => {
    const out = join(base, name);
    const r = spawnSync(process.execPath, [cli, 'train', data, '--out', out, '--epochs', '1', '--latent', '2', '--batch', '8', '--json', ...flags], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    return { json: JSON.parse(r.stdout.trim().split('\n').at(-1)!), manifest };
  };
  const conv = run('conv', ['--net', 'conv']);
  assert.equal(conv.json.net, 'conv');
  assert.equal(conv.manifest.model.net, 'conv');
  assert.deepEqual(conv.manifest.model.hidden, [256]);
  assert.equal(conv.manifest.weights.specs[0].name, 'encoder/conv0/kernel');
  assert.deepEqual(conv.manifest.weights.specs[0].shape, [4, 4, 1, 32]);
  assert.deepEqual(run('conv-hidden', ['--net', 'conv', '--hidden', '8']).manifest.model.hidden, [8]);
  const mlp = run('mlp', []);
  assert.equal(mlp.json.net, 'mlp');
  assert.equal(mlp.manifest.model.net, 'mlp');
  assert.deepEqual(mlp.manifest.model.hidden, [400]);

  const bad = join(base, 'bad');
  const r = spawnSync(process.execPath, [cli, 'train', data, '--out', bad, '--net', 'cnn'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr.trim(), /^latent-explorer: --net is cnn; it must be one of mlp, conv /);
  assert.equal(existsSync(bad), false);
});
