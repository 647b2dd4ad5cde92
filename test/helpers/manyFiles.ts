// A folder of many tiny PNGs (4×4 gray, ten class folders), generated rather than stored: the issue's
// "folder with 100k tiny files". Sixteen distinct images are enough; only the file count matters here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { tempDir } from './tempDir';

export function writeManyTinyPngs(n: number): string {
  const root = tempDir('le-many-');
  const variants = Array.from({ length: 16 }, (_, v) => {
    const png = new PNG({ width: 4, height: 4 });
    for (let p = 0; p < 16; p++) {
      const g = (p * 16 + v * 13) % 256;
      png.data.set([g, g, g, 255], p * 4);
    }
    return PNG.sync.write(png, { colorType: 0 });
  });
  for (let c = 0; c < 10; c++) mkdirSync(join(root, `class${c}`));
  for (let i = 0; i < n; i++) writeFileSync(join(root, `class${i % 10}`, `${i}.png`), variants[i % 16]);
  return root;
}
