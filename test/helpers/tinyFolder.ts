// A tiny labelled PNG dataset on disk (two classes of 8×8 gray squares), for CLI, worker and host tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tempDir';
import { PNG } from 'pngjs';

export function writeTinyDataset(n = 40, root = tempDir('le-tiny-')): string {
  for (let i = 0; i < n; i++) {
    const cls = i % 2 ? 'right' : 'left';
    mkdirSync(join(root, cls), { recursive: true });
    const png = new PNG({ width: 8, height: 8 });
    for (let p = 0; p < 64; p++) {
      const x = p % 8;
      const on = cls === 'left' ? x < 4 : x >= 4;
      const v = on ? 180 + ((i * 7 + p) % 70) : (i + p) % 25;
      png.data.set([v, v, v, 255], p * 4);
    }
    writeFileSync(join(root, cls, `${i}.png`), PNG.sync.write(png, { colorType: 0 }));
  }
  return root;
}
