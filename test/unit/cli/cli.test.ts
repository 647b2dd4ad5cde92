import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { tempDir } from '../../helpers/tempDir';
import { writeTinyDataset } from '../../helpers/tinyFolder';
import { Rng } from '../../../src/shared/rng';
import { decodeNpyFloat32 } from '../../../src/shared/npy';

const cli = join(__dirname, '../../../dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

test('train → eval → encode → sample → reconstruct on a tiny folder with a broken file in it', () => {
  const data = writeTinyDataset(40);
  writeFileSync(join(data, 'left', 'broken.png'), 'this is not a PNG');
  const out = join(tempDir('le-cli-'), 'model');
  const t = run('train', data, '--out', out, '--epochs', '2', '--latent', '3', '--hidden', '16', '--batch', '8', '--json');
  assert.equal(t.status, 0, t.stderr);
  const lines = t.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'exactly one JSON object on stdout');
  const r = JSON.parse(lines[0]);
  assert.equal(r.status, 'completed');
  assert.equal(r.epochs, 2);
  assert.ok(r.samples_per_s > 0);
  assert.equal(r.n_train + r.n_validation, 40);
  assert.deepEqual(r.skipped, [{ path: join(data, 'left', 'broken.png'), reason: r.skipped[0].reason }]);
  assert.match(r.skipped[0].reason, /not an image/);
  assert.equal(r.final.train.klPerDim.length, 3);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.epochs.length, 2);
  assert.equal(manifest.status, 'completed');
  assert.deepEqual(manifest.dataset.labelNames, ['left', 'right']);

  assert.match(t.stderr, /skipped .*broken\.png: not an image/);
  const e = run('eval', out, data, '--iwae-k', '20', '--json');
  assert.equal(e.status, 0, e.stderr);
  const ev = JSON.parse(e.stdout);
  assert.equal(ev.n_images, 40);
  assert.equal(ev.kl_per_dim.length, 3);
  assert.ok(Math.abs(ev.neg_elbo - (ev.recon + ev.kl)) < 1e-6 * ev.neg_elbo);
  assert.ok(ev.iwae_nll <= ev.neg_elbo + 1, 'IWAE NLL should not be far above −ELBO');
  assert.ok(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).evaluation.iwaeK === 20);
  // the collapse verdict is the panel's, from the same KL per dimension
  assert.ok(['none', 'partial', 'full'].includes(ev.collapse.verdict));
  assert.deepEqual(ev.collapse.collapsed_dims, ev.kl_per_dim.flatMap((v: number, i: number) => (v < 0.01 ? [i] : [])));
  assert.equal(ev.collapse.active_units, ev.active_units);

  const enc = run('encode', out, join(data, 'left', '0.png'), '--json');
  assert.equal(enc.status, 0, enc.stderr);
  const z = JSON.parse(enc.stdout);
  assert.equal(z.mu.length, 3);
  assert.equal(z.logvar.length, 3);

  const grid = join(out, '..', 'samples.png');
  assert.equal(run('sample', out, '--n', '9', '--out', grid).status, 0);
  assert.equal(run('sample', out, '--n', '6', '--out', join(out, '..', 'prior.npy')).status, 0);
  const png = PNG.sync.read(readFileSync(grid));
  assert.deepEqual([png.width, png.height], [3 * 8 + 4 * 2, 3 * 8 + 4 * 2]);
  const rec = join(out, '..', 'rec.png');
  assert.equal(run('reconstruct', out, data, '--n', '8', '--out', rec).status, 0);
  assert.equal(PNG.sync.read(readFileSync(rec)).height, 2 * 8 + 3 * 2);
  // samples from the aggregate posterior: a mixture fitted to μ(x) of the data, decoded to float32 means
  const agg = join(out, '..', 'aggregate.npy');
  const a = run('sample', out, '--aggregate', data, '--components', '2', '--n', '6', '--out', agg);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stderr, /wrote 6 samples from a 2-component Gaussian mixture fitted to μ\(x\) of 40 images/);
  const npy = decodeNpyFloat32(readFileSync(agg));
  assert.deepEqual(npy.shape, [6, 1, 8, 8]);
  assert.ok(npy.data.every((v) => v >= 0 && v <= 1));
  assert.notDeepEqual(npy.data, decodeNpyFloat32(readFileSync(join(out, '..', 'prior.npy'), { flag: 'r' })).data);

  const again = run('train', data, '--out', out, '--epochs', '1');
  assert.equal(again.status, 1, 'an existing model is not overwritten without --overwrite');
  assert.match(again.stderr, /already holds a model/);
});

test('user errors exit 1 with one line and no stack', () => {
  for (const args of [['train', '/no/such/folder', '--out', '/tmp/x'], ['eval', '/no/model', '/no/data'], ['train', '.', '--out', '/tmp/y', '--epochs', 'zero'], ['frobnicate'], ['train', '--bogus']]) {
    const r = run(...args);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^latent-explorer: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

// 12 kill points in `npm test`; `npm run test:stress` sets LE_KILL_POINTS=50 (the full count)
const KILL_POINTS = Number(process.env.LE_KILL_POINTS) || 12;

/**
 * Waits (on the child's own progress, never on the clock alone) until it has reported `epoch` finished, and
 * returns how long its last epoch took by its own report lines, so a kill can land a chosen fraction into the next
 * epoch or its save however fast or slow the machine is.
 */
function untilEpoch(child: ReturnType<typeof spawn>, epoch: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const times: number[] = [];
    const onData = (d: Buffer) => {
      text += d.toString();
      let nl: number;
      while ((nl = text.indexOf('\n')) >= 0) {
        const line = text.slice(0, nl);
        text = text.slice(nl + 1);
        const m = /^epoch (\d+):/.exec(line);
        if (!m) continue;
        times.push(performance.now());
        if (Number(m[1]) >= epoch) {
          child.stderr!.off('data', onData);
          // the child keeps writing progress: drain it so a full pipe never stalls the run we are about to kill
          child.stderr!.resume();
          resolve(times.length > 1 ? times.at(-1)! - times.at(-2)! : 0);
        }
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`training exited (${code}) before epoch ${epoch}`)));
  });
}

test(`SIGKILL during training and saving (${KILL_POINTS} kill points) always leaves a complete checkpoint that eval loads`, { timeout: 900_000 }, async () => {
  const data = writeTinyDataset(200);
  const base = tempDir('le-kill-');
  const rng = new Rng(7);
  const epochsSeen = new Set<number>();
  try {
    for (let i = 0; i < KILL_POINTS; i++) {
      const out = join(base, `m${i}`);
      // a kill point is (an epoch reported on stderr, a fraction of the next epoch's duration as the child itself
      // measures it): it lands mid-epoch or mid-save at any machine speed, at a spread of checkpoints
      const epoch = 1 + Math.floor(rng.next() * 6);
      const fraction = rng.next();
      const child = spawn(process.execPath, [cli, 'train', data, '--out', out, '--epochs', '200', '--latent', '2', '--hidden', '8', '--batch', '4'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const epochMs = await untilEpoch(child, epoch);
      await new Promise((r) => setTimeout(r, fraction * epochMs));
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      // eval checks the manifest and the weights' SHA-256 against each other: a mix of two checkpoints fails here
      const e = run('eval', out, data, '--iwae-k', '0', '--limit', '10', '--json');
      assert.equal(e.status, 0, `kill ${i} (epoch ${epoch} + ${fraction.toFixed(2)} of an epoch): ${e.stderr}`);
      assert.equal(JSON.parse(e.stdout).n_images, 10);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      assert.ok(manifest.epochs.length >= epoch, `kill ${i}: the checkpoint of epoch ${epoch} was reported but the manifest has ${manifest.epochs.length}`);
      epochsSeen.add(manifest.epochs.length);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  // the kills landed at different points of the run, not all at the same checkpoint
  assert.ok(epochsSeen.size >= Math.min(3, KILL_POINTS), `checkpoints found after the kills: epochs ${[...epochsSeen].join(', ')}`);
});

test('an unreadable image is reported as "permission denied" and training goes on with the rest', (t) => {
  // root reads any file whatever its mode: run the CLI as an unprivileged user then (setpriv, util-linux)
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) return t.skip('running as root without setpriv: cannot make a file unreadable');
  const base = tempDir('le-perm-');
  const data = writeTinyDataset(12, join(base, 'data'));
  const locked = join(data, 'left', '0.png');
  // the unprivileged user may read the rest and write the model
  if (asRoot) spawnSync('chmod', ['-R', 'a+rwX', base]);
  chmodSync(locked, 0o000);
  const args = [cli, 'train', data, '--out', join(base, 'model'), '--epochs', '1', '--latent', '2', '--hidden', '4', '--batch', '2', '--validation', '0', '--json'];
  const r = asRoot
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(out.n_train, 11);
  assert.deepEqual(out.skipped.map((s: { path: string; reason: string }) => [s.path, s.reason]), [[locked, 'permission denied']]);
});
