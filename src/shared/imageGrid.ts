// Contact sheets: many equally sized images in one pixel buffer. Pure (no Node APIs), so the CLI and the
// webview's PNG export lay out grids the same way.

const GAP = 2;

/** `count` images (contiguous N·H·W·C) laid out in rows of `columns`, with a 2-pixel dark gap between cells. */
export function imageGrid(images: Uint8Array, count: number, height: number, width: number, channels: 1 | 3, columns: number) {
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.max(1, Math.ceil(count / cols));
  const gw = cols * width + (cols + 1) * GAP;
  const gh = rows * height + (rows + 1) * GAP;
  const pixels = new Uint8Array(gw * gh * channels);
  for (let i = 0; i < count; i++) {
    const ox = GAP + (i % cols) * (width + GAP);
    const oy = GAP + Math.floor(i / cols) * (height + GAP);
    for (let y = 0; y < height; y++) {
      const src = (i * height * width + y * width) * channels;
      pixels.set(images.subarray(src, src + width * channels), ((oy + y) * gw + ox) * channels);
    }
  }
  return { pixels, width: gw, height: gh };
}
