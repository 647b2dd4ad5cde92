// Originals above reconstructions, drawn from uint8 pixels straight into ImageData and scaled up crisply.
import type { PreviewMessage } from '../protocol/webview';

const SCALE = 3;
const GAP = 4;

export function drawReconstructions(canvas: HTMLCanvasElement, p: PreviewMessage): void {
  const cols = Math.min(p.count, 8);
  const blocks = Math.ceil(p.count / cols);
  const cw = p.width * SCALE;
  const ch = p.height * SCALE;
  canvas.width = cols * (cw + GAP) + GAP;
  canvas.height = blocks * (2 * ch + 3 * GAP) + GAP;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const tile = document.createElement('canvas');
  tile.width = p.width;
  tile.height = p.height;
  const tctx = tile.getContext('2d')!;
  const per = p.width * p.height * p.channels;
  const put = (src: number[], i: number, x: number, y: number) => {
    const img = tctx.createImageData(p.width, p.height);
    for (let q = 0; q < p.width * p.height; q++) {
      for (let c = 0; c < 3; c++) img.data[q * 4 + c] = src[i * per + q * p.channels + (p.channels === 1 ? 0 : c)];
      img.data[q * 4 + 3] = 255;
    }
    tctx.putImageData(img, 0, 0);
    ctx.drawImage(tile, x, y, cw, ch);
  };
  for (let i = 0; i < p.count; i++) {
    const x = GAP + (i % cols) * (cw + GAP);
    const y = GAP + Math.floor(i / cols) * (2 * ch + 3 * GAP);
    put(p.originals, i, x, y);
    put(p.reconstructions, i, x, y + ch + GAP);
  }
}
