// Regression: VS Code's extension host forks processes (git, search) from its main thread while our worker
// trains. OpenBLAS's fork handler joins its thread pool, which deadlocked the whole host when the pool was busy
// with the worker's sgemm (native/sgemm.cc). The worker now runs OpenBLAS with one thread: no pool to join.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../../..');

test('the main thread can fork child processes while the worker trains with the native kernels (no deadlock)', { timeout: 120_000 }, () => {
  // a separate process with a hard kill: a deadlocked main thread could not even run this test's own timeout
  const r = spawnSync(process.execPath, [join(repo, 'test/helpers/forkWhileTraining.cjs'), repo], { encoding: 'utf8', timeout: 90_000, killSignal: 'SIGKILL' });
  assert.notEqual(r.signal, 'SIGKILL', `deadlocked: no result within 90 s\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
  assert.equal(out.status, 'completed', `worker said ${r.stdout} ${r.stderr}`);
  assert.ok(out.forks > 20, `only ${out.forks} forks happened during training`);
});
