// Performance target 7 (reported, not a pass/fail target): a folder of 100 000 64×64 RGB PNGs trains without
// running out of memory. Writes the folder once (deterministic coloured patterns, 10 class folders), then trains
// one epoch with the CLI under /usr/bin/time -v and reports the peak RSS. Build first: node scripts/build.mjs.
// Options: --dir DIR (/tmp/latent-explorer-bench-rgb64), --count N (100000), --epochs N (1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { dir: { type: 'string', default: join(tmpdir(), 'latent-explorer-bench-rgb64') }, count: { type: 'string', default: '100000' }, epochs: { type: 'string', default: '1' } } });
const count = Number(values.count);
const root = values.dir;

function writeFolder() {
  const marker = join(root, `.complete-${count}`);
  if (existsSync(marker)) return;
  process.stderr.write(`writing ${count} 64×64 RGB PNGs to ${root} (once)…\n`);
  for (let c = 0; c < 10; c++) mkdirSync(join(root, `class${c}`), { recursive: true });
  const png = new PNG({ width: 64, height: 64 });
  for (let i = 0; i < count; i++) {
    const c = i % 10;
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const o = (y * 64 + x) * 4;
        // a class-coloured disc whose centre moves with i, on a dark background
        const inside = (x - 32 - ((i * 7) % 17) + 8) ** 2 + (y - 32 - ((i * 11) % 13) + 6) ** 2 < 100 + c * 30;
        png.data[o] = inside ? 60 + c * 19 : 10;
        png.data[o + 1] = inside ? 250 - c * 20 : 10;
        png.data[o + 2] = inside ? (c * 53) % 256 : 20;
        png.data[o + 3] = 255;
      }
    }
    writeFileSync(join(root, `class${c}`, `${i}.png`), PNG.sync.write(png));
  }
  writeFileSync(marker, '');
}

writeFolder();
const out = mkdtempSync(join(tmpdir(), 'le-scale-'));
const args = [join(repo, 'dist/cli.js'), 'train', root, '--out', join(out, 'model'), '--epochs', values.epochs, '--validation', '0', '--json'];
const timeFile = join(out, 'time.txt');
const started = Date.now();
const r = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
const seconds = (Date.now() - started) / 1000;
const time = existsSync(timeFile) ? readFileSync(timeFile, 'utf8') : '';
const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(time)?.[1] ?? NaN);
const json = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').at(-1)) : null;
const result = { count, status: r.status, seconds, peakRssMiB: Math.round(peakKb / 1024), trainStatus: json?.status, epochs: json?.epochs, nTrain: json?.n_train, samplesPerSec: json?.samples_per_s, stderrTail: r.status === 0 ? undefined : r.stderr.slice(-2000) };
console.log(JSON.stringify(result));
const fmt = (v) => Math.round(v).toLocaleString('en');
writeFileSync(
  join(repo, 'bench', 'scale.md'),
  `### Scale: ${fmt(count)} 64×64 RGB PNGs (target 7, reported)\n\n` +
    `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`node bench/scale.mjs\` (\`node dist/cli.js train <folder> --epochs ${values.epochs} --validation 0 --json\` under /usr/bin/time -v, default model 12288-400-20 Bernoulli): ` +
    (r.status === 0
      ? `training ${json.status} on ${fmt(json.n_train)} images, ${fmt(json.samples_per_s)} samples/s, ${result.seconds.toFixed(0)} s for loading and training, **peak RSS ${fmt(result.peakRssMiB)} MiB** (the images alone are ${fmt((count * 64 * 64 * 3) / 2 ** 20)} MiB as uint8).\n`
      : `FAILED with exit ${r.status}: ${result.stderrTail}\n`),
);
rmSync(out, { recursive: true, force: true });
