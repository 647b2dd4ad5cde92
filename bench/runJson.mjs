// One benchmark process whose last stdout line is JSON, under /usr/bin/time when present so the result also
// carries the process's own wall time and CPU time / wall time. Shared by bench/run.mjs and bench/loading.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

export function runJson(cmd, args, env = process.env) {
  const timeFile = join(tmpdir(), `le-bench-time-${process.pid}`);
  const timed = existsSync(TIME);
  const [exe, argv] = timed ? [TIME, ['-f', '%e %U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const r = spawnSync(exe, argv, { encoding: 'utf8', env, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  let processWall = NaN;
  let cpuPerWall = NaN;
  if (timed) {
    const [wall, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    rmSync(timeFile, { force: true });
    processWall = wall;
    cpuPerWall = (user + sys) / wall;
  }
  return { ...JSON.parse(r.stdout.trim().split('\n').at(-1)), processWall, cpuPerWall };
}
