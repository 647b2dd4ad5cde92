import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { decodeImage, ImageError } from '../../../src/data/decodeImage';
import { bombPng, interlacedPng, jpegFromRgba, palettePng, pattern, pngFromRgba } from '../../fixtures/makeImages';

const W = 16;
const H = 12;
const rgba = pattern(W, H);
const fixtures = join(__dirname, '../../fixtures/jpeg');

function rgbOf(rgba: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < rgba.length; i += 4) out.push(rgba[i], rgba[i + 1], rgba[i + 2]);
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('8-bit RGB and RGBA PNGs decode to the exact pixels', () => {
  for (const ct of [2, 6] as const) {
    const img = decodeImage(pngFromRgba(rgba, W, H, ct));
    assert.equal(img.channels, 3);
    assert.deepEqual(Array.from(img.data), rgbOf(rgba));
  }
});

test('gray PNGs decode to one channel; gray+alpha is composited over black', () => {
  const g = decodeImage(pngFromRgba(rgba, W, H, 0));
  assert.equal(g.channels, 1);
  // pngjs converts RGB input to gray by averaging-free luma; compare with its own reading of the file
  const back = PNG.sync.read(pngFromRgba(rgba, W, H, 0)).data;
  assert.deepEqual(Array.from(g.data), Array.from({ length: W * H }, (_, p) => back[p * 4]));
  const half = rgba.slice();
  for (let i = 3; i < half.length; i += 4) half[i] = 128;
  const ga = decodeImage(pngFromRgba(half, W, H, 4));
  assert.equal(ga.channels, 1);
  const gaBack = PNG.sync.read(pngFromRgba(half, W, H, 4)).data;
  for (let p = 0; p < W * H; p++) assert.equal(ga.data[p], Math.round((gaBack[p * 4] * gaBack[p * 4 + 3]) / 255));
});

test('16-bit PNGs are scaled to 8 bits', () => {
  const png = new PNG({ width: 2, height: 1, bitDepth: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const bytes = PNG.sync.write(Object.assign(png, { data: Buffer.from(new Uint16Array([0, 65535]).buffer) }), {
    bitDepth: 16,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
  });
  const meta = PNG.sync.read(bytes, { skipRescale: true } as never);
  assert.equal((meta as unknown as { depth: number }).depth, 16);
  const img = decodeImage(bytes);
  assert.equal(img.channels, 1);
  assert.deepEqual(Array.from(img.data), [0, 255]);
});

test('palette and Adam7-interlaced PNGs equal their plain twins', () => {
  const plain = Array.from(decodeImage(pngFromRgba(rgba, W, H, 2)).data);
  assert.deepEqual(Array.from(decodeImage(palettePng(rgba, W, H)).data), plain);
  assert.deepEqual(Array.from(decodeImage(interlacedPng(rgba, W, H)).data), plain);
});

test('baseline, progressive and CMYK JPEGs decode close to the source pattern', () => {
  const want = rgbOf(rgba);
  const baseline = decodeImage(jpegFromRgba(rgba, W, H));
  assert.ok(maxDiff(baseline.data, want) < 24);
  const prog = decodeImage(readFileSync(join(fixtures, 'progressive-rgb.jpg')));
  assert.equal(prog.channels, 3);
  assert.ok(maxDiff(prog.data, want) < 24, 'progressive RGB');
  const cmyk = decodeImage(readFileSync(join(fixtures, 'cmyk.jpg')));
  assert.equal(cmyk.channels, 3);
  assert.ok(maxDiff(cmyk.data, want) < 24, 'CMYK converted to RGB');
  const gray = decodeImage(readFileSync(join(fixtures, 'progressive-gray.jpg')));
  assert.equal(gray.channels, 1);
  assert.equal(gray.width, W);
});

test('bad bytes fail with a reason: empty, text, truncated, bomb', () => {
  const cases: [Uint8Array, RegExp][] = [
    [new Uint8Array(0), /empty/],
    [Buffer.from('hello, I am text'), /not an image.*hello/],
    [pngFromRgba(rgba, W, H, 2).subarray(0, 60), /corrupt PNG|truncated/],
    [jpegFromRgba(rgba, W, H).subarray(0, 100), /corrupt JPEG|truncated/],
    [bombPng(100000, 100000), /refused before decoding.*100000×100000/],
  ];
  for (const [bytes, reason] of cases) {
    assert.throws(() => decodeImage(bytes), (e: unknown) => e instanceof ImageError && reason.test((e as Error).message));
  }
});
