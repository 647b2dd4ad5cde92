// The loading benchmark's data: all 60 000 Fashion-MNIST training images (Debian's dataset-fashion-mnist) as 8-bit
// gray 28×28 PNGs, one folder per class, the layout a user's image dataset has. Written once and reused: the
// folder is complete only when its marker exists (an interrupted run starts over).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PNG } from 'pngjs';

export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const IMAGES = join(FASHION_DIR, 'train-images-idx3-ubyte.gz');
const LABELS = join(FASHION_DIR, 'train-labels-idx1-ubyte.gz');
const CLASSES = ['T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot'];

/** IDX: big-endian magic (2051 images, 2049 labels), count, then rows and cols for images; then uint8 data. */
function readIdx(path, magic) {
  const b = gunzipSync(readFileSync(path));
  if (b.readUInt32BE(0) !== magic) throw new Error(`${path}: not an IDX file with magic ${magic}`);
  const count = b.readUInt32BE(4);
  if (magic === 2049) return { count, data: b.subarray(8) };
  return { count, rows: b.readUInt32BE(8), cols: b.readUInt32BE(12), data: b.subarray(16) };
}

/** The dataset folder under `dir` (written unless already complete) and how many PNGs it holds. */
export function fashionPngFolder(dir) {
  const root = join(dir, 'train');
  const marker = join(dir, 'complete.json');
  if (existsSync(marker)) return { root, ...JSON.parse(readFileSync(marker, 'utf8')) };
  if (!existsSync(IMAGES) || !existsSync(LABELS)) {
    throw new Error(`Fashion-MNIST not found in ${FASHION_DIR}. Install it: apt-get install dataset-fashion-mnist`);
  }
  const images = readIdx(IMAGES, 2051);
  const labels = readIdx(LABELS, 2049);
  if (labels.count !== images.count) throw new Error(`${labels.count} labels for ${images.count} images`);
  const partial = join(dir, 'train.partial');
  rmSync(partial, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
  for (const name of CLASSES) mkdirSync(join(partial, name), { recursive: true });
  process.stderr.write(`writing ${images.count} PNGs to ${root} (once)…\n`);
  const per = images.rows * images.cols;
  for (let i = 0; i < images.count; i++) {
    const png = new PNG({ width: images.cols, height: images.rows });
    for (let p = 0; p < per; p++) {
      const v = images.data[i * per + p];
      png.data[p * 4] = png.data[p * 4 + 1] = png.data[p * 4 + 2] = v;
      png.data[p * 4 + 3] = 255;
    }
    const file = join(partial, CLASSES[labels.data[i]], `${String(i).padStart(5, '0')}.png`);
    writeFileSync(file, PNG.sync.write(png, { colorType: 0 }));
  }
  renameSync(partial, root);
  const facts = { count: images.count, width: images.cols, height: images.rows, classes: CLASSES.length };
  writeFileSync(marker, JSON.stringify(facts));
  return { root, ...facts };
}
