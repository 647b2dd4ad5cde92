// Thumbnails over the zoomed-in map: the images of the points in view, fetched from the host only when few
// enough points are in view to show them (MAX_THUMBNAILS), a few hundred per request, and kept (images and
// μ(x) codes) so panning back costs nothing. The whole dataset's images never travel to the page.
import type { MapImages } from '../../protocol/latentMap';

/** Thumbnails are drawn when at most this many points are in view. */
export const MAX_THUMBNAILS = 100;
/** Thumbnail side on the canvas, pixels. */
const SIDE = 32;

export class ThumbnailCache {
  private readonly tiles = new Map<number, HTMLCanvasElement>();
  private readonly codes = new Map<number, Float32Array>();
  private readonly asked = new Set<number>();

  constructor(private readonly request: (indices: Int32Array) => void) {}

  clear(): void {
    this.tiles.clear();
    this.codes.clear();
    this.asked.clear();
  }

  /** Stores a reply of the host. */
  add(r: MapImages): void {
    const per = r.height * r.width * r.channels;
    const d = r.indices.length ? r.codes.length / r.indices.length : 0;
    r.indices.forEach((index, k) => {
      const tile = document.createElement('canvas');
      tile.width = r.width;
      tile.height = r.height;
      const ctx = tile.getContext('2d')!;
      const img = ctx.createImageData(r.width, r.height);
      for (let q = 0; q < r.width * r.height; q++) {
        for (let c = 0; c < 3; c++) img.data[q * 4 + c] = r.pixels[k * per + q * r.channels + (r.channels === 1 ? 0 : c)];
        img.data[q * 4 + 3] = 255;
      }
      ctx.putImageData(img, 0, 0);
      this.tiles.set(index, tile);
      this.codes.set(index, r.codes.slice(k * d, (k + 1) * d));
    });
  }

  tile(i: number): HTMLCanvasElement | undefined {
    return this.tiles.get(i);
  }

  code(i: number): Float32Array | undefined {
    return this.codes.get(i);
  }

  /** Asks the host for those of `indices` not had or asked for yet (one request). */
  want(indices: number[]): void {
    const missing = indices.filter((i) => !this.tiles.has(i) && !this.asked.has(i));
    if (!missing.length) return;
    for (const i of missing) this.asked.add(i);
    this.request(Int32Array.from(missing));
  }

  /** Draws the thumbnails had for `points` ([index, x, y] in canvas pixels), each framed in its label colour. */
  draw(ctx: CanvasRenderingContext2D, points: [number, number, number][], colourOf: (i: number) => string): number {
    ctx.imageSmoothingEnabled = false;
    let drawn = 0;
    for (const [i, x, y] of points) {
      const tile = this.tiles.get(i);
      if (!tile) continue;
      const w = SIDE;
      const h = Math.round((SIDE * tile.height) / tile.width);
      ctx.fillStyle = colourOf(i);
      ctx.fillRect(x - w / 2 - 2, y - h / 2 - 2, w + 4, h + 4);
      ctx.drawImage(tile, x - w / 2, y - h / 2, w, h);
      drawn++;
    }
    return drawn;
  }
}
