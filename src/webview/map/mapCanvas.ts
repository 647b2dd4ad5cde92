// The interactive map canvas: points drawn by the renderer (WebGL or 2-D), a 2-D overlay canvas on top for the
// selection, the keyboard cursor, thumbnails and extra marked points, and the camera moved by drag, wheel and keys:
//   drag / arrow keys: pan · wheel / + − : zoom (about the pointer / the centre) · 0: fit the whole map
//   Shift + arrow keys: move the cursor to the next point that way · Enter / Space: select the point under it
// Frames are drawn on the next animation frame after a change; the frame meter records each frame's drawing
// time (renderer draw to finish, plus the overlay), which is what the frame-time benchmark reads.
import { LatencyMeter } from '../latencyMeter';
import { PointIndex } from './pointIndex';
import { createRenderer, type PointRenderer } from './renderer';
import { boundsOf, Viewport, type Rect } from './viewport';

const PAN_STEP = 0.1;
const ZOOM_STEP = 1.25;
const HIT_RADIUS_PX = 6;

export interface MapCanvasEvents {
  /** The pointer is over point i (null: over no point), at canvas pixel (px, py). */
  hover(i: number | null, px: number, py: number): void;
  /** A click or Enter: the point there (null: none) and the plane position. */
  select(i: number | null, x: number, y: number): void;
  /** The keyboard cursor moved to point i. */
  cursor(i: number): void;
  /** Draws on the overlay after the points (thumbnails, selection, marks). */
  overlay(ctx: CanvasRenderingContext2D, view: Viewport): void;
  /** A frame was drawn (after pans and zooms: the view changed). */
  framed(ms: number): void;
}

export class MapCanvas {
  readonly renderer: PointRenderer;
  readonly view: Viewport;
  readonly meter = new LatencyMeter(300);
  private points: Float32Array = new Float32Array(0);
  private index: PointIndex | null = null;
  private bounds: Rect = { x0: -1, y0: -1, x1: 1, y1: 1 };
  private pending = 0;
  private drag: { x: number; y: number; moved: boolean } | null = null;
  cursor: number | null = null;

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly over: HTMLCanvasElement,
    private readonly events: MapCanvasEvents,
    preferCanvas = false,
  ) {
    this.renderer = createRenderer(canvas, preferCanvas);
    this.view = new Viewport(canvas.width, canvas.height);
    this.listen();
  }

  /** A new map: positions, colours, which points take part in hover and the cursor; the camera fits it. */
  setPoints(points: Float32Array, colours: Uint8Array, shown: ((i: number) => boolean) | null): void {
    this.points = points;
    this.bounds = boundsOf(points);
    this.renderer.setPoints(points);
    this.cursor = null;
    this.setColours(colours, shown);
    this.view.fit(this.bounds);
  }

  /** New colours (a theme change, a class isolated) without moving the camera. */
  setColours(colours: Uint8Array, shown: ((i: number) => boolean) | null): void {
    this.renderer.setColours(colours);
    this.index = new PointIndex(this.points, this.bounds, shown);
  }

  /** Draws now (the first frame of a map, a test) and returns the frame time in ms. */
  drawNow(): number {
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    const started = performance.now();
    this.renderer.draw(this.view, Math.min(10, 3 + Math.log2(Math.max(1, this.view.zoom))));
    this.renderer.finish();
    const ctx = this.over.getContext('2d')!;
    ctx.clearRect(0, 0, this.over.width, this.over.height);
    this.events.overlay(ctx, this.view);
    const ms = performance.now() - started;
    this.meter.record(ms);
    this.events.framed(ms);
    return ms;
  }

  /** Draws on the next animation frame (many pointer events become one frame). */
  redraw(): void {
    if (!this.pending) this.pending = requestAnimationFrame(() => this.drawNow());
  }

  fit(): void {
    this.view.fit(this.bounds);
    this.redraw();
  }

  /** The shown point nearest to canvas pixel (px, py) within `radius` pixels. */
  pointAt(px: number, py: number, radius = HIT_RADIUS_PX): number | null {
    const [x, y] = this.view.toPlane(px, py);
    return this.index?.nearest(x, y, radius / this.view.scale) ?? null;
  }

  /** Shown points in view, at most `limit`. */
  visiblePoints(limit: number): { indices: number[]; more: boolean } {
    return this.index?.inside(this.view.visible(), limit) ?? { indices: [], more: false };
  }

  canvasXY(i: number): [number, number] {
    return this.view.toCanvas(this.points[2 * i], this.points[2 * i + 1]);
  }

  /** Canvas pixels of a pointer event (the canvas may be drawn scaled). */
  private pixel(e: MouseEvent): [number, number] {
    const box = this.canvas.getBoundingClientRect();
    return [((e.clientX - box.left) * this.canvas.width) / box.width, ((e.clientY - box.top) * this.canvas.height) / box.height];
  }

  /** The next shown point from the cursor in an arrow's direction: nearest ahead, sideways distance counting double. */
  private pointToward(from: number, key: string): number | null {
    const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
    if (!dir) return null;
    const [fx, fy] = this.canvasXY(from);
    let best: number | null = null;
    let bestScore = Infinity;
    for (const j of this.visiblePoints(Infinity).indices) {
      const [x, y] = this.canvasXY(j);
      const ahead = (x - fx) * dir[0] + (y - fy) * dir[1];
      if (ahead <= 0) continue;
      const score = ahead + 2 * Math.abs((x - fx) * dir[1] - (y - fy) * dir[0]);
      if (score < bestScore) [best, bestScore] = [j, score];
    }
    return best;
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.drag = { x: e.clientX, y: e.clientY, moved: false };
      c.setPointerCapture?.(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (this.drag) {
        const box = c.getBoundingClientRect();
        const dx = ((e.clientX - this.drag.x) * c.width) / box.width;
        const dy = ((e.clientY - this.drag.y) * c.height) / box.height;
        if (this.drag.moved || Math.hypot(dx, dy) > 3) {
          this.drag = { x: e.clientX, y: e.clientY, moved: true };
          this.view.panBy(dx, dy);
          this.redraw();
          return;
        }
      }
      const [px, py] = this.pixel(e);
      this.events.hover(this.pointAt(px, py), px, py);
    });
    c.addEventListener('pointerup', (e) => {
      const drag = this.drag;
      this.drag = null;
      if (!drag || drag.moved) return;
      const [px, py] = this.pixel(e);
      const [x, y] = this.view.toPlane(px, py);
      this.events.select(this.pointAt(px, py), x, y);
    });
    c.addEventListener('pointerleave', () => this.events.hover(null, 0, 0));
    c.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const [px, py] = this.pixel(e);
        this.view.zoomAt(Math.exp(-e.deltaY * 0.0015), px, py);
        this.redraw();
      },
      { passive: false },
    );
    c.addEventListener('keydown', (e) => this.key(e));
  }

  private key(e: KeyboardEvent): void {
    const w = this.canvas.width;
    const h = this.canvas.height;
    if (e.key.startsWith('Arrow') && e.shiftKey) {
      e.preventDefault();
      const next = this.cursor === null ? this.pointAt(w / 2, h / 2, Infinity) : this.pointToward(this.cursor, e.key);
      if (next === null) return;
      this.cursor = next;
      this.events.cursor(next);
      this.redraw();
      return;
    }
    const pans: Record<string, [number, number]> = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const zooms: Record<string, number> = { '+': ZOOM_STEP, '=': ZOOM_STEP, '-': 1 / ZOOM_STEP, _: 1 / ZOOM_STEP };
    if (pans[e.key]) this.view.panBy(pans[e.key][0] * PAN_STEP * w, pans[e.key][1] * PAN_STEP * h);
    else if (zooms[e.key]) this.view.zoomAt(zooms[e.key], w / 2, h / 2);
    else if (e.key === '0') this.view.fit(this.bounds);
    else if ((e.key === 'Enter' || e.key === ' ') && this.cursor !== null) {
      const i = this.cursor;
      e.preventDefault();
      this.events.select(i, this.points[2 * i], this.points[2 * i + 1]);
      return;
    } else return;
    e.preventDefault();
    this.redraw();
  }
}
