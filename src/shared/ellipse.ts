// The k-σ ellipse of a 2-D Gaussian and the moments of a 2-D point cloud: what the flow view draws beside the
// posterior samples before and after the flow. Browser-safe, plain arrays.

/** A 2×2 covariance [[xx, xy], [xy, yy]]. */
export interface Covariance2 {
  xx: number;
  xy: number;
  yy: number;
}

/** An ellipse: centre, semi-axes (rx along `angle`, ry across it) and the angle of its first axis in radians. */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle: number;
}

/**
 * The k-σ ellipse {p : (p − m)ᵀ Σ⁻¹ (p − m) = k²}: semi-axes k·√λ₁, k·√λ₂ along the eigenvectors of Σ, with
 * λ = (xx + yy)/2 ± √(((xx − yy)/2)² + xy²) and the first axis at ½·atan2(2·xy, xx − yy).
 */
export function covarianceEllipse(cx: number, cy: number, cov: Covariance2, k: number): Ellipse {
  const mid = (cov.xx + cov.yy) / 2;
  const half = Math.hypot((cov.xx - cov.yy) / 2, cov.xy);
  const l1 = Math.max(0, mid + half);
  const l2 = Math.max(0, mid - half);
  return { cx, cy, rx: k * Math.sqrt(l1), ry: k * Math.sqrt(l2), angle: 0.5 * Math.atan2(2 * cov.xy, cov.xx - cov.yy) };
}

/** The point of the ellipse at parameter t: c + rx·cos t·e₁ + ry·sin t·e₂ (e₁ at `angle`, e₂ perpendicular). */
export function ellipsePoint(e: Ellipse, t: number): [number, number] {
  const c = Math.cos(e.angle);
  const s = Math.sin(e.angle);
  const a = e.rx * Math.cos(t);
  const b = e.ry * Math.sin(t);
  return [e.cx + a * c - b * s, e.cy + a * s + b * c];
}

/** Squared Mahalanobis distance (p − m)ᵀ Σ⁻¹ (p − m) of a 2-D point, Σ⁻¹ = [[yy, −xy], [−xy, xx]] / det Σ. */
export function mahalanobis2(x: number, y: number, cx: number, cy: number, cov: Covariance2): number {
  const det = cov.xx * cov.yy - cov.xy * cov.xy;
  const dx = x - cx;
  const dy = y - cy;
  return (cov.yy * dx * dx - 2 * cov.xy * dx * dy + cov.xx * dy * dy) / det;
}

/** Probability mass of a 2-D Gaussian inside its k-σ ellipse: the χ²₂ CDF at k², 1 − exp(−k²/2). */
export function massInsideEllipse(k: number): number {
  return 1 - Math.exp(-(k * k) / 2);
}

/** Sample mean and covariance (divisor n) of points (xs[i], ys[i]). */
export function moments2(xs: ArrayLike<number>, ys: ArrayLike<number>): { mx: number; my: number; cov: Covariance2 } {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    xx += dx * dx;
    xy += dx * dy;
    yy += dy * dy;
  }
  return { mx, my, cov: { xx: xx / n, xy: xy / n, yy: yy / n } };
}

/** The fraction of points whose squared Mahalanobis distance to (cx, cy) under `cov` is at most k². */
export function fractionInside(xs: ArrayLike<number>, ys: ArrayLike<number>, cx: number, cy: number, cov: Covariance2, k: number): number {
  let inside = 0;
  for (let i = 0; i < xs.length; i++) if (mahalanobis2(xs[i], ys[i], cx, cy, cov) <= k * k) inside++;
  return xs.length ? inside / xs.length : 0;
}
