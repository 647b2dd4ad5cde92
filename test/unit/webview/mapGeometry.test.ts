// The map's camera and its point index: pure arithmetic, tested without a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PointIndex } from '../../../src/webview/map/pointIndex';
import { boundsOf, Viewport } from '../../../src/webview/map/viewport';
import { Rng } from '../../../src/shared/rng';

test('the viewport fits the bounds, round-trips plane ↔ canvas, zooms about a fixed pixel and pans by pixels', () => {
  const v = new Viewport(640, 480);
  v.fit({ x0: -2, y0: -1, x1: 2, y1: 3 }, 16);
  const [px, py] = v.toCanvas(-2, 3);
  assert.ok(px >= 16 - 1e-9 && py >= 16 - 1e-9);
  const [x, y] = v.toPlane(...v.toCanvas(0.3, -0.7));
  assert.ok(Math.abs(x - 0.3) < 1e-9 && Math.abs(y + 0.7) < 1e-9);
  const before = v.toPlane(100, 50);
  v.zoomAt(3, 100, 50);
  const after = v.toPlane(100, 50);
  assert.ok(Math.abs(before[0] - after[0]) < 1e-9 && Math.abs(before[1] - after[1]) < 1e-9, 'the point under the pointer stays');
  assert.ok(Math.abs(v.zoom - 3) < 1e-9);
  const p = v.toCanvas(1, 1);
  v.panBy(10, -20);
  const q = v.toCanvas(1, 1);
  assert.ok(Math.abs(q[0] - p[0] - 10) < 1e-9 && Math.abs(q[1] - p[1] + 20) < 1e-9, 'the plane follows the drag');
  // the shader's transform agrees with toCanvas
  const t = v.clipTransform();
  const clipX = 1 * t.scale[0] + t.offset[0];
  const clipY = 1 * t.scale[1] + t.offset[1];
  assert.ok(Math.abs(((clipX + 1) / 2) * 640 - q[0]) < 1e-9 && Math.abs(((1 - clipY) / 2) * 480 - q[1]) < 1e-9);
  v.zoomAt(1e9, 0, 0);
  assert.equal(v.zoom, 20_000, 'zoom is clamped');
});

test('the point index finds the same nearest point and the same points in a rectangle as brute force', () => {
  const rng = new Rng(9);
  const n = 5000;
  const pts = Float32Array.from({ length: 2 * n }, () => rng.uniform(-10, 10) * rng.next());
  const shown = (i: number) => i % 3 !== 0;
  const idx = new PointIndex(pts, boundsOf(pts), shown);
  for (let t = 0; t < 200; t++) {
    const x = rng.uniform(-10, 10);
    const y = rng.uniform(-10, 10);
    const r = rng.uniform(0.01, 2);
    let best: number | null = null;
    let bestD = r * r;
    for (let i = 0; i < n; i++) {
      if (!shown(i)) continue;
      const d = (pts[2 * i] - x) ** 2 + (pts[2 * i + 1] - y) ** 2;
      if (d <= bestD) [best, bestD] = [i, d];
    }
    const got = idx.nearest(x, y, r);
    if (best === null) assert.equal(got, null);
    else assert.equal((pts[2 * got! ] - x) ** 2 + (pts[2 * got! + 1] - y) ** 2, bestD);
  }
  const rect = { x0: -1, y0: -2, x1: 3, y1: 0.5 };
  const inside = [];
  for (let i = 0; i < n; i++) if (shown(i) && pts[2 * i] >= rect.x0 && pts[2 * i] <= rect.x1 && pts[2 * i + 1] >= rect.y0 && pts[2 * i + 1] <= rect.y1) inside.push(i);
  const got = idx.inside(rect);
  assert.deepEqual([...got.indices].sort((a, b) => a - b), inside);
  assert.equal(got.more, false);
  const few = idx.inside(rect, 5);
  assert.equal(few.indices.length, 5);
  assert.equal(few.more, true);
});
