// The k-NN inspector: an image chosen on the latent map (its 'le:select-image' event), among the reconstructions'
// inputs, or among the hits of a search by file name, and its k nearest images in latent space, each a button
// (Enter makes it the query: walking the neighbourhood). The job process answers; this view asks and draws.
import { neighbours as section } from '../../protocol/panel';
import type { DatasetImage, ImageSearch, Neighbours } from '../../protocol/neighbours';
import type { PageToHost } from '../../protocol/webview';
import { baseName, el, radios } from '../dom';
import { drawGrid } from '../imageGrid';
import { l10n } from '../l10n';
import type { PageState } from '../state';
import { announce, cell, fillTable, gridMove } from './a11y';
import type { View } from './view';

const id = section.ids;

/** What the map dispatches on the document when a point is clicked: detail.index is the image's dataset index. */
export const SELECT_IMAGE_EVENT = 'le:select-image';

type Target = { index?: number; source?: string };
/** The image last asked about, so a new k or metric asks again for the same one. */
let lastTarget: Target | null = null;
/** Set by listen(): the buttons' handlers need the store and the channel. */
let ask: (target: Target) => void = () => undefined;

function thumbnail(pixels: Uint8Array, i: number, m: { height: number; width: number; channels: 1 | 3 }, canvas = document.createElement('canvas')): HTMLCanvasElement {
  const per = m.height * m.width * m.channels;
  drawGrid(canvas, pixels.subarray(i * per, (i + 1) * per), 1, m.height, m.width, m.channels, 1);
  return canvas;
}

const labelText = (image: DatasetImage) => (image.label === null ? image.path : `${image.path} (${image.label})`);

/** One image as a button: its thumbnail and a caption; `aria` is what a screen reader says for it. */
function imageButton(canvas: HTMLCanvasElement, caption: string, aria: string, onChoose: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.className = 'pick nn-item';
  button.setAttribute('aria-label', aria);
  button.title = aria;
  const text = document.createElement('span');
  text.textContent = caption;
  button.append(canvas, text);
  button.addEventListener('click', onChoose);
  return button;
}

function renderHits(r: ImageSearch | null): void {
  const box = el(id.hits);
  box.replaceChildren(
    ...(r?.hits ?? []).map((h, i) => imageButton(thumbnail(r!.pixels, i, r!), baseName(h.path), l10n.t('{0}: show its nearest images', labelText(h)), () => ask({ index: h.index }))),
  );
}

function renderFromRecon(p: PageState['preview']): void {
  const box = el(id.fromRecon);
  box.replaceChildren(
    ...(p?.sources ?? []).map((src, i) =>
      imageButton(thumbnail(p!.originals, i, p!), baseName(src), l10n.t('{0}: show its nearest images', baseName(src)), () => ask({ source: src })),
    ),
  );
}

function renderResult(n: Neighbours): void {
  thumbnail(n.pixels, 0, n, el<HTMLCanvasElement>(id.query));
  el(id.queryLabel).textContent = labelText(n.query);
  const items = n.neighbours.map((nb, r) => {
    const li = document.createElement('li');
    const distance = nb.distance.toFixed(3);
    li.append(
      imageButton(
        thumbnail(n.pixels, r + 1, n),
        `${baseName(nb.image.path)} · ${distance}`,
        l10n.t('{0}. {1}, distance {2}; Enter shows its nearest images', r + 1, labelText(nb.image), distance),
        () => ask({ index: nb.image.index }),
      ),
    );
    return li;
  });
  el(id.list).replaceChildren(...items);
  fillTable(
    el<HTMLTableElement>(id.table),
    l10n.t('The {0} nearest images to {1}', n.neighbours.length, n.query.path),
    [l10n.t('Rank'), l10n.t('Image'), l10n.t('Label'), n.metric === 'cosine' ? l10n.t('Cosine distance') : l10n.t('Euclidean distance')],
    n.neighbours.map((nb, r) => [String(r + 1), nb.image.path, nb.image.label ?? '—', cell(nb.distance, 4)]),
  );
}

function statusText(s: Readonly<PageState>): string {
  if (s.neighboursProblem) return s.neighboursProblem;
  const parts: string[] = [];
  const r = s.imageSearch;
  if (r) parts.push(r.matches > r.hits.length ? l10n.t('{0} images match “{1}”; the first {2} are shown.', r.matches, r.query, r.hits.length) : l10n.t('{0} images match “{1}”.', r.matches, r.query));
  const n = s.neighbours;
  if (n) parts.push(l10n.t('The {0} nearest of {1} images to {2} by {3} distance between the codes μ(x).', n.neighbours.length, n.total, n.query.path, n.metric === 'cosine' ? l10n.t('cosine') : l10n.t('Euclidean')));
  else parts.push(l10n.t('Choose an image to see its nearest images in latent space.'));
  return parts.join(' ');
}

/**
 * A group of image buttons is one Tab stop (a roving tabindex: the first button, or the one last moved to); the
 * arrow keys move within it and Enter or Space chooses, as a button does.
 */
function rovingFocus(container: HTMLElement): void {
  const buttons = () => [...container.querySelectorAll('button')];
  container.addEventListener('keydown', (e) => {
    const all = buttons();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const key = e.key === 'ArrowUp' ? 'ArrowLeft' : e.key === 'ArrowDown' ? 'ArrowRight' : e.key;
    const next = at < 0 ? null : gridMove(key, at, all.length, 1);
    if (next === null) return;
    e.preventDefault();
    all.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    all[next].focus();
  });
}

/** After a group is rebuilt: only its first button is a Tab stop. */
function oneTabStop(container: HTMLElement): void {
  container.querySelectorAll('button').forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
}

export const neighboursView: View = {
  uses: ['neighbours', 'neighboursProblem', 'imageSearch', 'neighbourSettings', 'preview'],
  render(s, changed) {
    el<HTMLInputElement>(id.k).value = String(s.neighbourSettings.k);
    for (const r of radios(id.metric)) r.checked = r.value === s.neighbourSettings.metric;
    if (changed.has('imageSearch')) {
      renderHits(s.imageSearch);
      oneTabStop(el(id.hits));
    }
    if (changed.has('preview')) {
      renderFromRecon(s.preview);
      oneTabStop(el(id.fromRecon));
    }
    if (changed.has('neighbours') && s.neighbours) {
      // a new answer rebuilds the list: the keyboard's focus goes to its first item if it was in the list
      const hadFocus = el(id.list).contains(document.activeElement);
      renderResult(s.neighbours);
      oneTabStop(el(id.list));
      if (hadFocus) (el(id.list).querySelector('button') as HTMLElement | null)?.focus();
      announce(l10n.t('{0} nearest images to {1}', s.neighbours.neighbours.length, s.neighbours.query.path));
    }
    el(id.note).textContent = statusText(s);
  },
  listen({ store, send }) {
    const request = (target: Target) => {
      lastTarget = target;
      const { k, metric } = store.get().neighbourSettings;
      const message: PageToHost = { type: 'requestNeighbours', k, metric, ...target };
      send(message);
      el(id.note).textContent = l10n.t('Finding the nearest images…');
    };
    ask = request;
    const settingsChanged = (next: Partial<PageState['neighbourSettings']>) => {
      store.update({ neighbourSettings: { ...store.get().neighbourSettings, ...next } });
      if (lastTarget) request(lastTarget);
    };
    el(id.k).addEventListener('change', () => {
      const k = Math.max(1, Math.min(100, Math.round(Number(el<HTMLInputElement>(id.k).value)) || 8));
      settingsChanged({ k });
    });
    for (const r of radios(id.metric)) r.addEventListener('change', () => settingsChanged({ metric: r.value === 'cosine' ? 'cosine' : 'euclidean' }));
    const search = () => {
      const query = el<HTMLInputElement>(id.search).value.trim();
      if (query) send({ type: 'searchImages', query });
    };
    el(id.searchButton).addEventListener('click', search);
    el(id.search).addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        search();
      }
    });
    for (const box of [id.hits, id.fromRecon, id.list]) rovingFocus(el(box));
    // the latent map's points carry the image's index in the dataset's order (the contract with the map view)
    document.addEventListener(SELECT_IMAGE_EVENT, (e) => {
      const index = (e as CustomEvent<{ index?: unknown }>).detail?.index;
      if (Number.isInteger(index) && (index as number) >= 0) request({ index: index as number });
    });
  },
};
