// The decoders against a reference decoder, pixel by pixel: test/fixtures/conformance/ holds PNGs of every colour
// type and bit depth (plain and interlaced, all row filters, tRNS) and JPEGs of every sampling, progressive, RGB
// and odd sizes, each with the pixels libpng (netpbm's pngtopam) or libjpeg-turbo (djpeg) decoded from it, and
// the JPEG kinds the loader must refuse by name. make.py there says how each was made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImage, ImageError } from '../../../src/data/decodeImage';
import { convertChannels } from '../../../src/data/channels';

const dir = join(__dirname, '../../fixtures/conformance');

interface Entry {
  file: string;
  reference?: string;
  /** Which decoder wrote the reference: pngtopam (libpng), pypng (truecolor tRNS, which pngtopam ignores) or djpeg. */
  decoder?: 'pngtopam' | 'pypng' | 'djpeg';
  /** Largest allowed difference of one 8-bit sample from the reference. */
  tolerance?: number;
  /** The start of the reason it must be refused with. */
  refuse?: string;
}

const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Entry[];

/** A netpbm file (P5, P6 or P7) → 8-bit RGB, alpha composited over black as the loader does: round(c·a/255). */
function referenceRgb(bytes: Buffer): { width: number; height: number; gray: boolean; rgb: Uint8Array } {
  const magic = bytes.toString('latin1', 0, 2);
  let width: number;
  let height: number;
  let depth: number;
  let maxval: number;
  let start: number;
  if (magic === 'P7') {
    const end = bytes.indexOf('ENDHDR\n') + 7;
    const head = Object.fromEntries(
      bytes
        .toString('latin1', 3, end)
        .split('\n')
        .map((l) => l.split(' ')),
    );
    [width, height, depth, maxval, start] = [+head.WIDTH, +head.HEIGHT, +head.DEPTH, +head.MAXVAL, end];
  } else {
    const m = /^P([56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.toString('latin1', 0, 40))!;
    [depth, width, height, maxval, start] = [m[1] === '5' ? 1 : 3, +m[2], +m[3], +m[4], m[0].length];
  }
  const wide = maxval > 255;
  const sample = (i: number): number => {
    const v = wide ? bytes.readUInt16BE(start + 2 * i) : bytes[start + i];
    return Math.floor((v * 255) / maxval + 0.5);
  };
  const colours = depth >= 3 ? 3 : 1;
  const hasAlpha = depth === 2 || depth === 4;
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    const a = hasAlpha ? sample(p * depth + depth - 1) : 255;
    for (let c = 0; c < 3; c++) {
      const v = sample(p * depth + (colours === 3 ? c : 0));
      rgb[p * 3 + c] = a === 255 ? v : Math.round((v * a) / 255);
    }
  }
  return { width, height, gray: colours === 1, rgb };
}

function maxDiff(a: Uint8Array, b: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('every image of the conformance set decodes to the reference decoder’s pixels', (t) => {
  const worst = { png: 0, jpeg: 0 };
  const wrong: string[] = [];
  for (const e of manifest.filter((x) => x.reference)) {
    const img = decodeImage(readFileSync(join(dir, e.file)));
    const ref = referenceRgb(readFileSync(join(dir, e.reference!)));
    assert.equal(`${img.width}×${img.height}`, `${ref.width}×${ref.height}`, e.file);
    if (ref.gray) assert.equal(img.channels, 1, `${e.file} is gray`);
    const diff = maxDiff(convertChannels(img, 3).data, ref.rgb);
    if (diff > e.tolerance!) wrong.push(`${e.file}: a sample differs by ${diff} from the reference (allowed ${e.tolerance})`);
    const kind = e.file.startsWith('png/') ? 'png' : 'jpeg';
    worst[kind] = Math.max(worst[kind], diff);
  }
  t.diagnostic(`largest difference from the reference: PNG ${worst.png}, JPEG ${worst.jpeg} (of 255)`);
  assert.deepEqual(wrong, []);
});

test('the JPEG kinds jpeg-js cannot decode are refused by name', () => {
  for (const e of manifest.filter((x) => x.refuse)) {
    assert.throws(
      () => decodeImage(readFileSync(join(dir, e.file))),
      (err: unknown) => err instanceof ImageError && err.message.startsWith(e.refuse!),
      e.file,
    );
  }
});

/** The reference decoders of make.py, where installed (Debian netpbm and libjpeg-turbo-progs, scripts/setup.sh). */
function referenceTools(): string | null {
  for (const tool of ['pngtopam', 'djpeg']) {
    if (spawnSync(tool, ['-version']).error) return `${tool} is not installed (Debian ${tool === 'djpeg' ? 'libjpeg-turbo-progs' : 'netpbm'}; scripts/setup.sh installs it)`;
  }
  return null;
}

test('the committed reference pixels are what the reference decoders say today', { skip: referenceTools() ?? false }, () => {
  for (const e of manifest.filter((x) => x.decoder === 'pngtopam' || x.decoder === 'djpeg')) {
    const path = join(dir, e.file);
    const args = e.decoder === 'pngtopam' ? ['pngtopam', '-alphapam', path] : ['djpeg', '-dct', 'int', '-nosmooth', '-pnm', path];
    const out = spawnSync(args[0], args.slice(1));
    assert.equal(out.status, 0, `${args.join(' ')}: ${out.stderr}`);
    assert.ok(out.stdout.equals(readFileSync(join(dir, e.reference!))), `${e.reference} differs from ${args[0]}'s output`);
  }
});
