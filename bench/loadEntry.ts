// The loading benchmark's view of our loader (bundled to out/bench/load.js; bench/loading.mjs runs it): loads one
// folder with loadDataset, as the extension and the CLI do, and prints one JSON line with what that took. The
// CPU time is the whole process's (every thread), over the load only, so CPU / wall shows how many cores worked.
import { loadDataset } from '../src/data/loadDataset';

async function main(root: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const ds = await loadDataset(root);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const result = {
    loaded: ds.count,
    skipped: ds.report.skipped.length,
    shape: [ds.count, ds.height, ds.width, ds.channels],
    labels: ds.labelNames.length,
    decodeThreads: ds.report.decodeThreads ?? 0,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

const root = process.argv[2];
if (!root) {
  process.stderr.write('usage: node out/bench/load.js <dataset folder>\n');
  process.exit(2);
}
main(root).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
