// A uniform grid over the plane for the map's point queries: the nearest point to the pointer, and the points
// inside the visible rectangle (for thumbnails and the keyboard cursor). Built once per map in O(n) (a counting
// sort of points into cells, ~4 points per cell), so hover stays instant at 100 000 points.
import type { Rect } from './viewport';

export class PointIndex {
  private readonly x0: number;
  private readonly y0: number;
  private readonly cell: number;
  private readonly cols: number;
  private readonly rows: number;
  /** Points sorted by cell, and where each cell starts in that order (CSR). */
  private readonly order: Int32Array;
  private readonly starts: Int32Array;

  constructor(
    private readonly points: Float32Array,
    bounds: Rect,
    /** Points that take part (an isolated class); null for all. */
    private readonly shown: ((i: number) => boolean) | null = null,
  ) {
    const n = points.length / 2;
    const w = Math.max(bounds.x1 - bounds.x0, 1e-9);
    const h = Math.max(bounds.y1 - bounds.y0, 1e-9);
    this.cell = Math.max(Math.sqrt((w * h * 4) / Math.max(1, n)), Math.max(w, h) / 2048);
    this.x0 = bounds.x0;
    this.y0 = bounds.y0;
    this.cols = Math.max(1, Math.ceil(w / this.cell) + 1);
    this.rows = Math.max(1, Math.ceil(h / this.cell) + 1);
    const cellOf = new Int32Array(n);
    const counts = new Int32Array(this.cols * this.rows + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cellAt(points[2 * i], points[2 * i + 1]);
      cellOf[i] = c;
      counts[c + 1]++;
    }
    for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
    this.starts = counts.slice();
    const fill = counts.slice();
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) this.order[fill[cellOf[i]]++] = i;
  }

  private cellAt(x: number, y: number): number {
    const cx = Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.x0) / this.cell)));
    const cy = Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.y0) / this.cell)));
    return cy * this.cols + cx;
  }

  /** Calls `visit` for each shown point in the cells overlapping `r` (a superset of the points inside it); stops when it returns false. */
  private scan(r: Rect, visit: (i: number) => boolean): void {
    const cx0 = Math.max(0, Math.floor((r.x0 - this.x0) / this.cell));
    const cx1 = Math.min(this.cols - 1, Math.floor((r.x1 - this.x0) / this.cell));
    const cy0 = Math.max(0, Math.floor((r.y0 - this.y0) / this.cell));
    const cy1 = Math.min(this.rows - 1, Math.floor((r.y1 - this.y0) / this.cell));
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const c = cy * this.cols + cx;
        for (let k = this.starts[c]; k < this.starts[c + 1]; k++) {
          const i = this.order[k];
          if (this.shown && !this.shown(i)) continue;
          if (!visit(i)) return;
        }
      }
    }
  }

  /** The shown point nearest to (x, y) within `radius` (plane units), or null. */
  nearest(x: number, y: number, radius: number): number | null {
    let best: number | null = null;
    let bestD = radius * radius;
    this.scan({ x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius }, (i) => {
      const d = (this.points[2 * i] - x) ** 2 + (this.points[2 * i + 1] - y) ** 2;
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
      return true;
    });
    return best;
  }

  /** The shown points inside `r`, at most `limit` (then `more` says some were left out). */
  inside(r: Rect, limit = Infinity): { indices: number[]; more: boolean } {
    const indices: number[] = [];
    let more = false;
    this.scan(r, (i) => {
      const x = this.points[2 * i];
      const y = this.points[2 * i + 1];
      if (x < r.x0 || x > r.x1 || y < r.y0 || y > r.y1) return true;
      if (indices.length >= limit) {
        more = true;
        return false;
      }
      indices.push(i);
      return true;
    });
    return { indices, more };
  }
}
