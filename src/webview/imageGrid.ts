// Images drawn from uint8 pixels straight into ImageData and scaled up crisply: the reconstructions (inputs
// above outputs) and the prior samples.
import type { Preview } from '../protocol/preview';

const SCALE = 3;
const GAP = 4;

/** `count` images (N·H·W·C) in rows of `columns`; `blockRows` > 1 groups rows in blocks with a wider gap after each. */
export function drawGrid(canvas: HTMLCanvasElement, images: ArrayLike<number>, count: number, height: number, width: number, channels: 1 | 3, columns: number, blockRows = 1): void {
  const cols = Math.max(1, Math.min(columns, count));
  const rows = Math.ceil(count / cols);
  const cw = width * SCALE;
  const ch = height * SCALE;
  const y0 = (r: number) => GAP + r * (ch + GAP) + (blockRows > 1 ? Math.floor(r / blockRows) * GAP : 0);
  canvas.width = cols * (cw + GAP) + GAP;
  canvas.height = y0(rows);
  Object.assign(canvas.dataset, { cols: String(cols), rows: String(rows), cw: String(cw), ch: String(ch), blockRows: String(blockRows) });
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const tile = document.createElement('canvas');
  tile.width = width;
  tile.height = height;
  const tctx = tile.getContext('2d')!;
  const per = width * height * channels;
  for (let i = 0; i < count; i++) {
    const img = tctx.createImageData(width, height);
    for (let q = 0; q < width * height; q++) {
      for (let c = 0; c < 3; c++) img.data[q * 4 + c] = images[i * per + q * channels + (channels === 1 ? 0 : c)];
      img.data[q * 4 + 3] = 255;
    }
    tctx.putImageData(img, 0, 0);
    ctx.drawImage(tile, GAP + (i % cols) * (cw + GAP), y0(Math.floor(i / cols)), cw, ch);
  }
}

/**
 * A row of inputs, then the same images reconstructed, block after block. The cells are copied into one
 * preallocated array (never spread into push(): a 256×256 RGB image alone is more arguments than a call takes).
 */
export function drawReconstructions(canvas: HTMLCanvasElement, p: Pick<Preview, 'count' | 'height' | 'width' | 'channels' | 'originals' | 'reconstructions'>): void {
  const cols = Math.min(p.count, 8);
  const per = p.width * p.height * p.channels;
  const blocks = Math.ceil(p.count / cols);
  const cells = new Uint8Array(blocks * 2 * cols * per); // a missing image in the last block stays black
  let cell = 0;
  for (let b = 0; b < blocks; b++) {
    for (const src of [p.originals, p.reconstructions]) {
      for (let c = 0; c < cols; c++, cell++) {
        const i = b * cols + c;
        if (i < p.count) cells.set(src.subarray(i * per, (i + 1) * per), cell * per);
      }
    }
  }
  drawGrid(canvas, cells, blocks * 2 * cols, p.height, p.width, p.channels, cols, 2);
}

/** The grid cell (row-major index) under a pointer event on a canvas drawn by drawGrid, or null in a gap. */
export function gridCellAt(canvas: HTMLCanvasElement, e: MouseEvent): number | null {
  const d = canvas.dataset;
  const [cols, rows, cw, ch, blockRows] = [d.cols, d.rows, d.cw, d.ch, d.blockRows].map(Number);
  const box = canvas.getBoundingClientRect();
  const x = ((e.clientX - box.left) * canvas.width) / box.width;
  const y = ((e.clientY - box.top) * canvas.height) / box.height;
  const col = Math.floor((x - GAP) / (cw + GAP));
  for (let r = 0; r < rows; r++) {
    const top = GAP + r * (ch + GAP) + (blockRows > 1 ? Math.floor(r / blockRows) * GAP : 0);
    if (y >= top && y < top + ch && col >= 0 && col < cols && x - GAP - col * (cw + GAP) < cw) return r * cols + col;
  }
  return null;
}

/** The image under a click on the reconstructions grid (inputs and outputs both count), or null. */
export function reconstructionAt(canvas: HTMLCanvasElement, e: MouseEvent, count: number): number | null {
  const cell = gridCellAt(canvas, e);
  if (cell === null) return null;
  const cols = Number(canvas.dataset.cols);
  const row = Math.floor(cell / cols);
  const index = Math.floor(row / 2) * cols + (cell % cols);
  return index < count ? index : null;
}
