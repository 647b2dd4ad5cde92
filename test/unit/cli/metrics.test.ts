// `latent-explorer metrics`: the JSON report of a small model on a tiny labelled folder, with a factors CSV, and a
// bad CSV refused with exit code 1 and one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';

const cli = join(__dirname, '../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

test('metrics --factors --json: every metric of the issue, in range; a bad factors file exits 1 naming file and line', () => {
  const data = writeTinyDataset(40);
  const out = join(tempDir('le-metrics-cli-'), 'model');
  const t = run('train', data, '--out', out, '--epochs', '3', '--latent', '3', '--hidden', '16', '--batch', '8');
  assert.equal(t.status, 0, t.stderr);
  // factors: the class (categorical) and the image number's parity within its class (numeric)
  const csv = join(out, '..', 'factors.csv');
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'right' : 'left'}/${i}.png,${i % 2 ? 'right' : 'left'},${Math.floor(i / 2) % 2}`);
  writeFileSync(csv, ['file,side,parity', ...rows].join('\n'));
  const m = run('metrics', out, data, '--factors', csv, '--json', '--compare', '10');
  assert.equal(m.status, 0, m.stderr);
  const r = JSON.parse(m.stdout);
  assert.equal(r.n_images, 40);
  assert.ok(r.mutual_information >= -0.5 && r.mutual_information <= r.mutual_information_bound + 0.5, `MI ${r.mutual_information}`);
  assert.equal(r.mutual_information_bound, Math.log(40));
  assert.ok(r.active_units >= 0 && r.active_units <= 3);
  assert.ok(r.linear_probe_accuracy >= 0 && r.linear_probe_accuracy <= 1);
  assert.ok(r.sharpness.samples >= 0 && r.sharpness.data > 0 && r.sharpness.n_images === 10);
  assert.ok(r.frechet_distance >= 0);
  assert.equal(r.frechet_features.feature_dim, 32);
  assert.ok(r.frechet_features.classifier_test_accuracy >= 0 && r.frechet_features.classifier_test_accuracy <= 1);
  assert.ok(r.mig >= 0 && r.mig <= 1, `MIG ${r.mig}`);
  for (const k of ['disentanglement', 'completeness', 'informativeness']) assert.ok(r.dci[k] >= 0 && r.dci[k] <= 1, `${k} ${r.dci[k]}`);
  assert.ok(r.sap >= 0 && r.sap <= 1);
  assert.deepEqual(r.factors.names, ['side', 'parity']);

  writeFileSync(csv, 'file,side\nleft/0.png,left\nnowhere.png,left\n');
  const bad = run('metrics', out, data, '--factors', csv);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /factors\.csv line 3: "nowhere\.png" is not an image of the dataset/);
});
