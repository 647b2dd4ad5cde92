// The map's camera: which part of the plane the canvas shows. A point (x, y) of the plane lands at canvas pixel
// (px, py) = ((x − cx)·s + w/2, h/2 − (y − cy)·s); panning moves (cx, cy), zooming changes s about a fixed pixel.
// Pure arithmetic, shared by both renderers, hit testing and the thumbnails.

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** How far out and in the camera may go, relative to the scale that fits the whole map. */
const MIN_ZOOM = 0.5;
const MAX_ZOOM = 20_000;

export class Viewport {
  cx = 0;
  cy = 0;
  scale = 1;
  /** The scale that fits every point (zoom 1). */
  fitScale = 1;

  constructor(
    public width: number,
    public height: number,
  ) {}

  /** Shows all of `bounds` with `pad` pixels to spare on each side. */
  fit(bounds: Rect, pad = 16): void {
    const w = Math.max(bounds.x1 - bounds.x0, 1e-9);
    const h = Math.max(bounds.y1 - bounds.y0, 1e-9);
    this.cx = (bounds.x0 + bounds.x1) / 2;
    this.cy = (bounds.y0 + bounds.y1) / 2;
    this.fitScale = Math.min((this.width - 2 * pad) / w, (this.height - 2 * pad) / h);
    this.scale = this.fitScale;
  }

  get zoom(): number {
    return this.scale / this.fitScale;
  }

  toCanvas(x: number, y: number): [number, number] {
    return [(x - this.cx) * this.scale + this.width / 2, this.height / 2 - (y - this.cy) * this.scale];
  }

  toPlane(px: number, py: number): [number, number] {
    return [this.cx + (px - this.width / 2) / this.scale, this.cy - (py - this.height / 2) / this.scale];
  }

  /** Moves the view so the plane follows the pointer by (dx, dy) pixels. */
  panBy(dx: number, dy: number): void {
    this.cx -= dx / this.scale;
    this.cy += dy / this.scale;
  }

  /** Zooms by `factor`, keeping the plane point under pixel (px, py) where it is; clamped to the zoom range. */
  zoomAt(factor: number, px: number, py: number): void {
    const [x, y] = this.toPlane(px, py);
    this.scale = Math.min(this.fitScale * MAX_ZOOM, Math.max(this.fitScale * MIN_ZOOM, this.scale * factor));
    this.cx = x - (px - this.width / 2) / this.scale;
    this.cy = y + (py - this.height / 2) / this.scale;
  }

  /** The part of the plane the canvas shows. */
  visible(): Rect {
    const [x0, y1] = this.toPlane(0, 0);
    const [x1, y0] = this.toPlane(this.width, this.height);
    return { x0, y0, x1, y1 };
  }

  /** For a vertex shader: clip = pos·scale + offset, per axis. */
  clipTransform(): { scale: [number, number]; offset: [number, number] } {
    const sx = (2 * this.scale) / this.width;
    const sy = (2 * this.scale) / this.height;
    return { scale: [sx, sy], offset: [-this.cx * sx, -this.cy * sy] };
  }
}

/** The bounding box of n points (x, y interleaved). */
export function boundsOf(points: Float32Array): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return points.length ? { x0, y0, x1, y1 } : { x0: -1, y0: -1, x1: 1, y1: 1 };
}
