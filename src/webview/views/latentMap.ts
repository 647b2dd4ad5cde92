// The latent map view: every image of the dataset as a point (WebGL, or the 2-D canvas without it), pan and
// zoom, a tooltip with the file and label, thumbnails once zoomed in, a legend that isolates a class. Clicking a
// point selects it: the page is told by a `le:select-image` event (index = the image's place in the dataset, for
// the k-NN inspector), and the point decodes (PCA and custom axes: the code at that place of the plane; UMAP,
// which has no inverse: the image's own μ, fetched with its thumbnail).
import { latentMap as section } from '../../protocol/panel';
import type { LatentMap } from '../../protocol/latentMap';
import { el } from '../dom';
import { drawGrid } from '../imageGrid';
import { l10n } from '../l10n';
import { classCentres, pointColours } from '../map/colours';
import { fillLegend } from '../map/legend';
import { MapCanvas } from '../map/mapCanvas';
import { mapPalette } from '../map/themePalette';
import { MAX_THUMBNAILS, ThumbnailCache } from '../map/thumbnails';
import { cell, fillTable } from './a11y';
import type { View, ViewContext } from './view';

const id = section.ids;

let map: LatentMap | null = null;
let canvas: MapCanvas | null = null;
let cache: ThumbnailCache | null = null;
let ctx: ViewContext | null = null;
let palette: string[] = [];
let isolated: number | null = null;
let selected: number | null = null;
/** The point whose image the hover figure shows (it may arrive later). */
let hovered: number | null = null;
/** A UMAP point waiting for its code to decode. */
let decodeWhenHad: number | null = null;
/** The code the decoded-point canvas shows, and its caption. */
let lastDecoded: { code: Float32Array; caption: string } | null = null;
/** When the current map arrived: its first frame reports the time to first draw. */
let arrived = 0;

const labelOf = (m: LatentMap, i: number) => (m.labels ? m.labelNames[m.labels[i]] : l10n.t('image {0}', i + 1));
const fileOf = (m: LatentMap, i: number) => m.sources[i] ?? '';

/** The text alternative: per class, how many images and where their centre lies on the plane. */
function fillMapTable(m: LatentMap): void {
  const c = classCentres(m, l10n.t('images'));
  fillTable(
    el<HTMLTableElement>(id.table),
    l10n.t('Latent map: the centre of each group of images ({0} of μ(x))', m.method.toUpperCase()),
    [l10n.t('group'), l10n.t('images'), l10n.t('mean {0}', m.axisNames[0]), l10n.t('mean {0}', m.axisNames[1])],
    [
      ...c.names.map((name, k) => [name, String(c.counts[k]), cell(c.counts[k] ? c.x[k] : null), cell(c.counts[k] ? c.y[k] : null)]),
      // the marked points (a learned prior's component means): where they sit, in the same columns
      ...(m.overlay ?? []).map((mark) => [l10n.t('marked: {0}', mark.label), '—', cell(mark.x), cell(mark.y)]),
    ],
  );
}

function recolour(): void {
  if (!map || !canvas) return;
  const m = map;
  const shown = isolated === null || !m.labels ? null : (i: number) => m.labels![i] === isolated;
  canvas.setColours(pointColours(m, palette, isolated), shown);
  const c = classCentres(m, l10n.t('images'));
  fillLegend(el(id.legend), c.names, palette, c.counts, isolated, (k, from) => {
    isolated = k;
    recolour();
    canvas?.redraw();
    (el(id.legend).querySelector(`[data-label="${from}"]`) as HTMLElement | null)?.focus();
  });
}

function describeNote(m: LatentMap): string {
  const explained = (100 * (m.variances[0] + m.variances[1])) / (m.totalVariance || 1);
  if (m.method === 'umap')
    return m.fitted < m.count
      ? l10n.t('(UMAP of μ(x) for {0} images: fitted on a seeded sample of {1}, the rest placed by their nearest fitted neighbours; a click decodes the image’s own code)', m.count, m.fitted)
      : l10n.t('(UMAP of μ(x) for {0} images: neighbourhoods kept, distances not; a click decodes the image’s own code)', m.count);
  if (m.method === 'custom') return l10n.t('(μ(x) of {0} images; x: {1}, y: {2}; the plane explains {3}% of their variance)', m.count, m.axisNames[0], m.axisNames[1], explained.toFixed(0));
  return l10n.t('(PCA of μ(x) for {0} images; the plane explains {1}% of their variance)', m.count, explained.toFixed(0));
}

function fillAxisChoices(m: LatentMap): void {
  const options = (sel: HTMLSelectElement, first: string | null, pick: number) => {
    const opts = m.labelNames.map((name, k) => new Option(name, String(k)));
    if (first !== null) opts.unshift(new Option(first, ''));
    sel.replaceChildren(...opts);
    sel.selectedIndex = Math.min(pick, opts.length - 1);
  };
  options(el<HTMLSelectElement>(id.x0), null, 0);
  options(el<HTMLSelectElement>(id.x1), null, 1);
  options(el<HTMLSelectElement>(id.y0), l10n.t('PCA of the rest'), 0);
  options(el<HTMLSelectElement>(id.y1), null, 1);
}

function showImage(target: string, label: string, i: number): void {
  const tile = cache?.tile(i);
  if (!tile || !map) return;
  const img = tile.getContext('2d')!.getImageData(0, 0, tile.width, tile.height).data;
  const pixels = new Uint8Array(map.height * map.width * map.channels);
  for (let q = 0; q < map.height * map.width; q++) for (let c = 0; c < map.channels; c++) pixels[q * map.channels + c] = img[q * 4 + c];
  drawGrid(el<HTMLCanvasElement>(target), pixels, 1, map.height, map.width, map.channels, 1);
  el(label).textContent = labelOf(map, i);
}

function decodeCode(code: Float32Array, caption: string): void {
  const vae = ctx?.store.get().vae;
  // kept so a new decoder decodes it again: a new checkpoint, or an imported model's ONNX answer landing
  lastDecoded = { code, caption };
  if (!vae || !map) return;
  drawGrid(el<HTMLCanvasElement>(id.decoded), vae.decode(code, 1), 1, map.height, map.width, map.channels, 1);
  el(id.decodedLabel).textContent = caption;
}

function select(i: number | null, x: number, y: number): void {
  if (!map || !canvas) return;
  selected = i;
  if (i !== null) {
    document.dispatchEvent(new CustomEvent('le:select-image', { detail: { index: i } }));
    el(id.selected).textContent = l10n.t('Selected image {0}: {1}, {2}, at ({3}, {4})', i, fileOf(map, i), labelOf(map, i), map.points[2 * i].toFixed(2), map.points[2 * i + 1].toFixed(2));
    cache?.want([i]);
  }
  if (map.method === 'umap') {
    if (i === null) return;
    const code = cache?.code(i);
    if (code) decodeCode(code, l10n.t('decoded μ of image {0} ({1})', i, labelOf(map, i)));
    else decodeWhenHad = i;
  } else {
    const m = map;
    decodeCode(Float32Array.from(m.mean, (v, j) => v + x * m.components[0][j] + y * m.components[1][j]), l10n.t('decoded at ({0}, {1})', x.toFixed(2), y.toFixed(2)));
  }
  canvas.redraw();
}

function ring(g: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string, width: number): void {
  g.strokeStyle = colour;
  g.lineWidth = width;
  g.beginPath();
  g.arc(x, y, r, 0, 2 * Math.PI);
  g.stroke();
}

/** Theme colours and font for the overlay, read when the map or the theme changes (not per frame: reading
 * computed styles per frame forces a style recalculation). */
let ink = { fg: '#888', focus: '#888', font: '12px sans-serif' };

function readInk(): void {
  const css = getComputedStyle(document.documentElement);
  const fg = css.getPropertyValue('--vscode-foreground').trim() || '#888';
  ink = {
    fg,
    focus: css.getPropertyValue('--vscode-focusBorder').trim() || fg,
    font: `${css.getPropertyValue('--vscode-font-size').trim() || '12px'} ${css.getPropertyValue('--vscode-font-family').trim() || 'sans-serif'}`,
  };
}

/** The overlay: thumbnails when zoomed in, marked extra points, the keyboard cursor and the selection. */
function drawOverlay(g: CanvasRenderingContext2D): void {
  if (!map || !canvas) return;
  const m = map;
  const { fg, focus } = ink;
  const inView = canvas.visiblePoints(MAX_THUMBNAILS);
  if (!inView.more && inView.indices.length) {
    cache?.want(inView.indices);
    cache?.draw(g, inView.indices.map((i) => [i, ...canvas!.canvasXY(i)] as [number, number, number]), (i) => palette[(m.labels?.[i] ?? 0) % palette.length]);
  }
  g.font = ink.font;
  for (const mark of m.overlay ?? []) {
    const [x, y] = canvas.view.toCanvas(mark.x, mark.y);
    g.strokeStyle = fg;
    g.lineWidth = 2;
    g.strokeRect(x - 5, y - 5, 10, 10);
    g.fillStyle = fg;
    g.fillText(mark.label, x + 8, y - 6);
  }
  if (canvas.cursor !== null) ring(g, ...canvas.canvasXY(canvas.cursor), 7, focus, 2);
  if (selected !== null) ring(g, ...canvas.canvasXY(selected), 9, fg, 3);
}

function reportFrame(ms: number): void {
  if (!canvas) return;
  const f = el(id.frames);
  f.dataset.frames = String(Number(f.dataset.frames ?? 0) + 1);
  if (arrived) {
    // the first frame of a map (buffers just uploaded) is reported on its own, not in the pan frames' p95
    f.dataset.firstDraw = (performance.now() - arrived).toFixed(1);
    arrived = 0;
    canvas.meter.reset();
  }
  const p95 = canvas.meter.percentile(95);
  f.dataset.p95 = p95.toFixed(2);
  f.dataset.count = String(canvas.meter.count);
  f.dataset.renderer = canvas.renderer.kind;
  f.textContent = l10n.t('{0} points drawn by {1}; first draw {2} ms; frame p95 {3} ms over the last {4} frames (last {5} ms)', map?.count ?? 0, canvas.renderer.kind === 'webgl' ? 'WebGL' : l10n.t('the 2-D canvas'), f.dataset.firstDraw ?? '—', p95.toFixed(1), canvas.meter.count, ms.toFixed(1));
}

function setBusy(busy: boolean): void {
  el(id.busy).hidden = !busy;
  el<HTMLButtonElement>(id.compute).disabled = busy;
}

export const latentMapView: View = {
  uses: ['latentMap', 'theme', 'mapProgress', 'mapImages', 'notice', 'vae'],
  render(state, changed) {
    if (changed.has('vae') && lastDecoded) decodeCode(lastDecoded.code, lastDecoded.caption);
    if (changed.has('mapProgress') && state.mapProgress) {
      const p = state.mapProgress;
      setBusy(true);
      Object.assign(el<HTMLProgressElement>(id.progress), { max: Math.max(1, p.total), value: p.done });
      const stages = { encoding: l10n.t('encoding the images'), neighbours: l10n.t('finding neighbours'), layout: l10n.t('UMAP layout'), placing: l10n.t('placing the rest') };
      el(id.stage).textContent = `${stages[p.stage]} ${p.done} / ${p.total}`;
    }
    if (changed.has('notice') && state.notice) setBusy(false);
    if (changed.has('mapImages') && state.mapImages && cache) {
      cache.add(state.mapImages);
      if (decodeWhenHad !== null && cache.code(decodeWhenHad)) select(decodeWhenHad, 0, 0);
      if (hovered !== null) showImage(id.hover, id.hoverLabel, hovered);
      canvas?.redraw();
    }
    if (!state.latentMap || !canvas) return;
    if (map !== state.latentMap) {
      arrived = performance.now();
      map = state.latentMap;
      isolated = null;
      selected = null;
      decodeWhenHad = null;
      cache?.clear();
      palette = mapPalette();
      readInk();
      canvas.setPoints(map.points, pointColours(map, palette, null), null);
      recolour();
      fillMapTable(map);
      if (el<HTMLSelectElement>(id.x0).options.length !== map.labelNames.length) fillAxisChoices(map);
      el(id.note).textContent = describeNote(map);
      el(id.selected).textContent = '';
      setBusy(false);
      canvas.drawNow();
    } else if (changed.has('theme')) {
      palette = mapPalette();
      readInk();
      recolour();
      canvas.redraw();
    }
  },
  listen(c) {
    ctx = c;
    const { send } = c;
    const preferCanvas = new URLSearchParams(location.search).has('map2d');
    cache = new ThumbnailCache((indices) => send({ type: 'requestMapImages', indices }));
    const tip = el(id.tip);
    canvas = new MapCanvas(el<HTMLCanvasElement>(id.canvas), el<HTMLCanvasElement>(id.over), {
      hover(i, px, py) {
        if (i === null || !map) {
          tip.hidden = true;
          return;
        }
        const box = el(id.canvas).getBoundingClientRect();
        tip.textContent = `${fileOf(map, i)} — ${labelOf(map, i)}`;
        tip.style.left = `${(px * box.width) / el<HTMLCanvasElement>(id.canvas).width + 12}px`;
        tip.style.top = `${(py * box.height) / el<HTMLCanvasElement>(id.canvas).height + 12}px`;
        tip.hidden = false;
        hovered = i;
        el(id.hoverLabel).textContent = labelOf(map, i);
        cache?.want([i]);
        showImage(id.hover, id.hoverLabel, i);
      },
      select,
      cursor(i) {
        if (!map) return;
        hovered = i;
        el(id.hoverLabel).textContent = labelOf(map, i);
        cache?.want([i]);
        showImage(id.hover, id.hoverLabel, i);
      },
      overlay: drawOverlay,
      framed: reportFrame,
    }, preferCanvas);
    const method = el<HTMLSelectElement>(id.method);
    method.addEventListener('change', () => {
      el(id.allLabel).hidden = method.value !== 'umap';
      el(id.axes).hidden = method.value !== 'custom';
    });
    el<HTMLSelectElement>(id.y0).addEventListener('change', () => (el<HTMLSelectElement>(id.y1).disabled = el<HTMLSelectElement>(id.y0).value === ''));
    el(id.compute).addEventListener('click', () => {
      setBusy(true);
      el(id.stage).textContent = l10n.t('encoding the dataset…');
      const m = method.value === 'umap' ? 'umap' : method.value === 'custom' ? 'custom' : 'pca';
      const num = (sid: string) => Number(el<HTMLSelectElement>(sid).value);
      const y0 = el<HTMLSelectElement>(id.y0).value;
      if (m === 'custom') send({ type: 'requestLatentMap', method: m, axes: { x: [num(id.x0), num(id.x1)], y: y0 === '' ? null : [Number(y0), num(id.y1)] } });
      else if (m === 'umap' && el<HTMLInputElement>(id.all).checked) send({ type: 'requestLatentMap', method: m, umapAll: true });
      else send({ type: 'requestLatentMap', method: m });
    });
    el(id.cancel).addEventListener('click', () => {
      send({ type: 'cancelLatentMap' });
      el(id.stage).textContent = l10n.t('cancelling…');
    });
  },
};
