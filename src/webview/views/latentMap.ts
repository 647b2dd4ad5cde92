// The latent map: drawn when a map arrives (or the theme changes); hovering shows the image under the pointer,
// clicking decodes the point (PCA) or the nearest image's code (UMAP, which has no inverse).
import { latentMap as section } from '../../protocol/panel';
import type { LatentMap } from '../../protocol/latentMap';
import { canvasPoint, el } from '../dom';
import { l10n } from '../l10n';
import { drawGrid } from '../imageGrid';
import { codeAt, drawLatentMap, pointAt, type MapView } from '../latentMap';
import { cell, fillTable, showCursor } from './a11y';
import type { View } from './view';

const id = section.ids;
let shown: { map: LatentMap; view: MapView } | null = null;
/** The point the keyboard cursor is on; null before the first arrow key. */
let cursor: number | null = null;

const labelOf = (m: LatentMap, i: number) => (m.labels ? m.labelNames[m.labels[i]] : l10n.t('image {0}', i + 1));

/** The map's text alternative: per label, how many images and where their centre lies on the plane. */
function fillMapTable(m: LatentMap): void {
  const names = m.labels ? m.labelNames : [l10n.t('images')];
  const sums = names.map(() => ({ n: 0, x: 0, y: 0 }));
  for (let i = 0; i < m.count; i++) {
    const s = sums[m.labels?.[i] ?? 0];
    s.n++;
    s.x += m.points[2 * i];
    s.y += m.points[2 * i + 1];
  }
  const axes = m.method === 'umap' ? ['UMAP 1', 'UMAP 2'] : ['PC 1', 'PC 2'];
  fillTable(
    el<HTMLTableElement>(id.table),
    l10n.t('Latent map: the centre of each group of images ({0} of μ(x))', m.method.toUpperCase()),
    [l10n.t('group'), l10n.t('images'), l10n.t('mean {0}', axes[0]), l10n.t('mean {0}', axes[1])],
    names.map((name, k) => [name, String(sums[k].n), cell(sums[k].n ? sums[k].x / sums[k].n : null), cell(sums[k].n ? sums[k].y / sums[k].n : null)]),
  );
}

/** ArrowKey → the next point that way: the nearest ahead, sideways distance counting double; null at the edge. */
function pointToward(m: LatentMap, view: MapView, from: number, key: string): number | null {
  const [fx, fy] = view.toCanvas(m.points[2 * from], m.points[2 * from + 1]);
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  if (!dir) return null;
  let best: number | null = null;
  let bestScore = Infinity;
  for (let j = 0; j < m.count; j++) {
    const [x, y] = view.toCanvas(m.points[2 * j], m.points[2 * j + 1]);
    const ahead = (x - fx) * dir[0] + (y - fy) * dir[1];
    const side = Math.abs((x - fx) * dir[1] - (y - fy) * dir[0]);
    if (ahead <= 0) continue;
    const score = ahead + 2 * side;
    if (score < bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return best;
}

export const latentMapView: View = {
  uses: ['latentMap', 'theme'],
  render({ latentMap: map }) {
    if (!map) return;
    if (shown?.map !== map) {
      cursor = null;
      showCursor(el<HTMLCanvasElement>(id.canvas), null);
      fillMapTable(map);
    }
    shown = { map, view: drawLatentMap(el<HTMLCanvasElement>(id.canvas), el(id.legend), map) };
    const explained = (100 * (map.variances[0] + map.variances[1])) / (map.totalVariance || 1);
    el(id.note).textContent =
      map.method === 'umap'
        ? l10n.t("(UMAP of μ(x) for {0} images: neighbourhoods kept, distances not; a click decodes the nearest image's code)", map.count)
        : l10n.t('(PCA of μ(x) for {0} images; the plane explains {1}% of their variance)', map.count, explained.toFixed(0));
    el<HTMLButtonElement>(id.compute).disabled = false;
  },
  listen({ store, send }) {
    const canvas = el<HTMLCanvasElement>(id.canvas);
    el(id.compute).addEventListener('click', () => {
      el<HTMLButtonElement>(id.compute).disabled = true;
      el(id.note).textContent = l10n.t('(encoding the dataset…)');
      send({ type: 'requestLatentMap', method: el<HTMLSelectElement>(id.method).value === 'umap' ? 'umap' : 'pca' });
    });
    const showImage = (m: LatentMap, i: number) => {
      const per = m.height * m.width * m.channels;
      drawGrid(el<HTMLCanvasElement>(id.hover), m.thumbnails.subarray(i * per, (i + 1) * per), 1, m.height, m.width, m.channels, 1);
      el(id.hoverLabel).textContent = labelOf(m, i);
    };
    canvas.addEventListener('mousemove', (e) => {
      if (!shown) return;
      const [px, py] = canvasPoint(canvas, e);
      const i = pointAt(shown.map, shown.view, px, py);
      if (i !== null) showImage(shown.map, i);
    });
    canvas.addEventListener('click', (e) => {
      const [px, py] = canvasPoint(canvas, e);
      decodeAt(px, py);
    });
    // the keyboard: arrow keys move a cursor from point to point (showing its image), Enter decodes there
    canvas.addEventListener('keydown', (e) => {
      if (!shown) return;
      const { map: m, view } = shown;
      if (e.key === 'Enter' || e.key === ' ') {
        if (cursor === null) return;
        e.preventDefault();
        decodeAt(...view.toCanvas(m.points[2 * cursor], m.points[2 * cursor + 1]));
        return;
      }
      if (!e.key.startsWith('Arrow')) return;
      e.preventDefault();
      const next = cursor === null ? pointAt(m, view, canvas.width / 2, canvas.height / 2, Infinity) : pointToward(m, view, cursor, e.key);
      if (next === null) return;
      cursor = next;
      const [x, y] = view.toCanvas(m.points[2 * cursor], m.points[2 * cursor + 1]);
      showCursor(canvas, { x: x - 5, y: y - 5, w: 10, h: 10 });
      showImage(m, cursor);
    });
    canvas.addEventListener('blur', () => showCursor(canvas, null));
    const decodeAt = (px: number, py: number) => {
      const vae = store.get().vae;
      if (!shown || !vae) return;
      const m = shown.map;
      const decoded = el<HTMLCanvasElement>(id.decoded);
      if (m.method === 'umap') {
        const i = pointAt(m, shown.view, px, py, Infinity)!;
        const d = m.codes.length / m.count;
        drawGrid(decoded, vae.decode(m.codes.slice(i * d, (i + 1) * d), 1), 1, m.height, m.width, m.channels, 1);
        el(id.decodedLabel).textContent = l10n.t('decoded μ of the nearest image ({0})', labelOf(m, i));
        return;
      }
      const [x, y] = shown.view.toPlane(px, py);
      drawGrid(decoded, vae.decode(codeAt(m, x, y), 1), 1, m.height, m.width, m.channels, 1);
      el(id.decodedLabel).textContent = l10n.t('decoded at ({0}, {1})', x.toFixed(2), y.toFixed(2));
    };
  },
};
