// Reconstructions: the grid is redrawn only for a new preview; the note also follows the notice.
import { reconstructions as section } from '../../protocol/panel';
import { baseName, el, radios } from '../dom';
import { drawReconstructions, reconstructionAt } from '../imageGrid';
import { announce, gridMove, showCursor } from './a11y';
import type { Preview } from '../../protocol/preview';
import { sharpnessOfBytes } from '../../shared/sharpness';
import type { View } from './view';
import { l10n } from '../l10n';

const id = section.ids;
/** The image the keyboard cursor is on (arrow keys move it, Enter opens its file); null before the first key. */
let cursor: number | null = null;

/** The input above its output: the keyboard cursor's rectangle for image i, in the canvas's pixels. */
function cursorRect(canvas: HTMLCanvasElement, i: number): { x: number; y: number; w: number; h: number } {
  const [cols, cw, ch, gap] = [Number(canvas.dataset.cols), Number(canvas.dataset.cw), Number(canvas.dataset.ch), 4];
  const row = 2 * Math.floor(i / cols);
  return { x: gap + (i % cols) * (cw + gap), y: gap + row * (ch + gap) + Math.floor(row / 2) * gap, w: cw, h: 2 * ch + gap };
}

/** Inputs' and outputs' sharpness: a blurry decoder's reconstructions score well below their inputs. */
function sharpnessNote(p: Preview): string {
  const of = (pixels: Uint8Array) => sharpnessOfBytes(pixels, p.count, p.height, p.width, p.channels).toFixed(4);
  return l10n.t('Sharpness (variance of the Laplacian): inputs {0}, reconstructions {1}.', of(p.originals), of(p.reconstructions));
}

export const reconstructionsView: View = {
  uses: ['preview', 'notice'],
  render({ preview: p, notice }, changed) {
    if (p && changed.has('preview')) {
      drawReconstructions(el<HTMLCanvasElement>(id.canvas), p);
      cursor = null;
      showCursor(el<HTMLCanvasElement>(id.canvas), null);
    }
    el(id.note).textContent = p
      ? `${p.order === 'worst' ? `${l10n.t('The worst reconstructed images of the dataset.')} ` : ''}${l10n.t('Anomaly score −log p(x | z = μ) per image, nats: {0}. Click an input (or choose one with the arrow keys and press Enter) to open its file.', p.errors.map((v) => v.toFixed(0)).join(', '))} ${sharpnessNote(p)}`
      : notice || l10n.t('Reconstructions appear after the first epoch.');
    for (const r of radios(id.order)) r.checked = r.value === (p?.order ?? 'spread');
  },
  listen({ store, send }) {
    for (const r of radios(id.order)) r.addEventListener('change', () => send({ type: 'requestPreview', order: r.value === 'worst' ? 'worst' : 'spread' }));
    el(id.canvas).addEventListener('click', (e) => {
      const p = store.get().preview;
      const i = p ? reconstructionAt(el<HTMLCanvasElement>(id.canvas), e, p.count) : null;
      if (i !== null) send({ type: 'openSource', index: i });
    });
    const canvas = el<HTMLCanvasElement>(id.canvas);
    canvas.addEventListener('keydown', (e) => {
      const p = store.get().preview;
      if (!p) return;
      if ((e.key === 'Enter' || e.key === ' ') && cursor !== null) {
        e.preventDefault();
        send({ type: 'openSource', index: cursor });
        return;
      }
      const next = gridMove(e.key, cursor ?? -1, p.count, Number(canvas.dataset.cols) || 1);
      if (next === null) return;
      e.preventDefault();
      cursor = cursor === null ? 0 : next;
      showCursor(canvas, cursorRect(canvas, cursor));
      announce(l10n.t('image {0} of {1}: {2}, anomaly score {3} nats; Enter opens its file', cursor + 1, p.count, baseName(p.sources[cursor] ?? ''), p.errors[cursor].toFixed(0)));
    });
    canvas.addEventListener('blur', () => showCursor(canvas, null));
    canvas.addEventListener('focus', () => cursor !== null && showCursor(canvas, cursorRect(canvas, cursor)));
  },
};
