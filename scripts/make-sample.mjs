// Writes the bundled sample: 300 Fashion-MNIST training images per class as 8-bit gray PNGs in one folder per
// class, from Debian's dataset-fashion-mnist package (MIT, Zalando SE). Run once; the output is committed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = '/usr/share/datasets/fashion-mnist';
const out = join(root, 'samples/fashion-mnist');
const perClass = 300;
const names = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot'];

const images = gunzipSync(readFileSync(join(src, 'train-images-idx3-ubyte.gz'))).subarray(16);
const labels = gunzipSync(readFileSync(join(src, 'train-labels-idx1-ubyte.gz'))).subarray(8);
rmSync(out, { recursive: true, force: true });
const taken = new Array(10).fill(0);
for (let i = 0; i < labels.length && taken.some((n) => n < perClass); i++) {
  const c = labels[i];
  if (taken[c] >= perClass) continue;
  taken[c]++;
  const png = new PNG({ width: 28, height: 28 });
  for (let p = 0; p < 784; p++) {
    const v = images[i * 784 + p];
    png.data[p * 4] = png.data[p * 4 + 1] = png.data[p * 4 + 2] = v;
    png.data[p * 4 + 3] = 255;
  }
  mkdirSync(join(out, names[c]), { recursive: true });
  writeFileSync(join(out, names[c], `${String(i).padStart(5, '0')}.png`), PNG.sync.write(png, { colorType: 0 }));
}
console.log(`wrote ${taken.reduce((a, b) => a + b, 0)} images to ${out}`);
