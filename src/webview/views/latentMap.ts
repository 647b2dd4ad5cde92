// The latent map: drawn when a map arrives (or the theme changes); hovering shows the image under the pointer,
// clicking decodes the point (PCA) or the nearest image's code (UMAP, which has no inverse).
import { latentMap as section } from '../../protocol/panel';
import type { LatentMap } from '../../protocol/latentMap';
import { canvasPoint, el } from '../dom';
import { drawGrid } from '../imageGrid';
import { codeAt, drawLatentMap, pointAt, type MapView } from '../latentMap';
import type { View } from './view';

const id = section.ids;
let shown: { map: LatentMap; view: MapView } | null = null;

const labelOf = (m: LatentMap, i: number) => (m.labels ? m.labelNames[m.labels[i]] : `image ${i + 1}`);

export const latentMapView: View = {
  uses: ['latentMap', 'theme'],
  render({ latentMap: map }) {
    if (!map) return;
    shown = { map, view: drawLatentMap(el<HTMLCanvasElement>(id.canvas), el(id.legend), map) };
    const explained = (100 * (map.variances[0] + map.variances[1])) / (map.totalVariance || 1);
    el(id.note).textContent =
      map.method === 'umap'
        ? `(UMAP of μ(x) for ${map.count} images: neighbourhoods kept, distances not; a click decodes the nearest image's code)`
        : `(PCA of μ(x) for ${map.count} images; the plane explains ${explained.toFixed(0)}% of their variance)`;
    el<HTMLButtonElement>(id.compute).disabled = false;
  },
  listen({ store, send }) {
    const canvas = el<HTMLCanvasElement>(id.canvas);
    el(id.compute).addEventListener('click', () => {
      el<HTMLButtonElement>(id.compute).disabled = true;
      el(id.note).textContent = '(encoding the dataset…)';
      send({ type: 'requestLatentMap', method: el<HTMLSelectElement>(id.method).value === 'umap' ? 'umap' : 'pca' });
    });
    canvas.addEventListener('mousemove', (e) => {
      if (!shown) return;
      const [px, py] = canvasPoint(canvas, e);
      const m = shown.map;
      const i = pointAt(m, shown.view, px, py);
      if (i === null) return;
      const per = m.height * m.width * m.channels;
      drawGrid(el<HTMLCanvasElement>(id.hover), m.thumbnails.subarray(i * per, (i + 1) * per), 1, m.height, m.width, m.channels, 1);
      el(id.hoverLabel).textContent = labelOf(m, i);
    });
    canvas.addEventListener('click', (e) => {
      const vae = store.get().vae;
      if (!shown || !vae) return;
      const [px, py] = canvasPoint(canvas, e);
      const m = shown.map;
      const decoded = el<HTMLCanvasElement>(id.decoded);
      if (m.method === 'umap') {
        const i = pointAt(m, shown.view, px, py, Infinity)!;
        const d = m.codes.length / m.count;
        drawGrid(decoded, vae.decode(m.codes.slice(i * d, (i + 1) * d), 1), 1, m.height, m.width, m.channels, 1);
        el(id.decodedLabel).textContent = `decoded μ of the nearest image (${labelOf(m, i)})`;
        return;
      }
      const [x, y] = shown.view.toPlane(px, py);
      drawGrid(decoded, vae.decode(codeAt(m, x, y), 1), 1, m.height, m.width, m.channels, 1);
      el(id.decodedLabel).textContent = `decoded at (${x.toFixed(2)}, ${y.toFixed(2)})`;
    });
  },
};
