// A VQ-VAE's section (hidden for other models): the last epoch's code usage with dead codes marked, perplexity
// per epoch (and its table), and the code grid of one of the reconstructions' images, encoded in this page
// (encoder → z_e → nearest code per cell). Each cell is a button showing its code; a click or Enter puts the
// replacement code in that cell and the edited grid is decoded here (a codebook lookup, then the decoder).
import { codebook as section } from '../../protocol/panel';
import { el } from '../dom';
import { l10n } from '../l10n';
import { lookupCodes, nearestCodesJs } from '../codeGrid';
import { drawCodebookUsage } from '../codebookChart';
import { drawGrid } from '../imageGrid';
import type { PageVae } from '../pageVae';
import { drawSparkline } from '../sparkline';
import { announce, cell, fillTable } from './a11y';
import type { View } from './view';
import type { Preview } from '../../protocol/preview';

const id = section.ids;
/** The grid on show: its image, the encoder's codes and the edited ones. */
let grid: { vae: PageVae; preview: Preview; image: number; codes: Int32Array; edited: Int32Array } | null = null;

function imageIndex(preview: Preview): number {
  const v = Math.round(Number(el<HTMLInputElement>(id.image).value)) - 1;
  return Math.min(Math.max(0, Number.isFinite(v) ? v : 0), preview.count - 1);
}

/** Encodes the chosen image in the page and resets its edits. */
function encodeChosen(vae: PageVae, preview: Preview): void {
  const cb = vae.codebook!;
  const image = imageIndex(preview);
  const per = preview.height * preview.width * preview.channels;
  const ze = vae.encodeMu(preview.originals.subarray(image * per, (image + 1) * per), 1);
  const codes = nearestCodesJs(ze, cb);
  grid = { vae, preview, image, codes, edited: Int32Array.from(codes) };
  drawGrid(el<HTMLCanvasElement>(id.original), preview.originals.subarray(image * per, (image + 1) * per), 1, preview.height, preview.width, preview.channels, 1);
  buildButtons();
  decodeEdited();
}

function cellLabel(i: number, cols: number, code: number, original: number): string {
  const where = l10n.t('row {0}, column {1}', Math.floor(i / cols) + 1, (i % cols) + 1);
  return code === original ? l10n.t('{0}: code {1}', where, code) : l10n.t('{0}: code {1} (encoder chose {2})', where, code, original);
}

function buildButtons(): void {
  if (!grid) return;
  const [rows, cols] = grid.vae.codebook!.grid;
  const box = el(id.grid);
  box.style.gridTemplateColumns = `repeat(${cols}, auto)`;
  const buttons: HTMLButtonElement[] = [];
  for (let i = 0; i < rows * cols; i++) {
    const b = document.createElement('button');
    b.dataset.cell = String(i);
    buttons.push(b);
  }
  box.replaceChildren(...buttons);
  refreshButtons();
}

function refreshButtons(): void {
  if (!grid) return;
  const cols = grid.vae.codebook!.grid[1];
  for (const b of el(id.grid).querySelectorAll<HTMLButtonElement>('button[data-cell]')) {
    const i = Number(b.dataset.cell);
    const code = grid.edited[i];
    b.textContent = String(code);
    b.title = cellLabel(i, cols, code, grid.codes[i]);
    b.setAttribute('aria-label', b.title);
    b.classList.toggle('edited', code !== grid.codes[i]);
  }
}

function decodeEdited(): void {
  if (!grid) return;
  const { vae, preview } = grid;
  const pixels = vae.decode(lookupCodes(grid.edited, vae.codebook!), 1);
  drawGrid(el<HTMLCanvasElement>(id.decoded), pixels, 1, preview.height, preview.width, preview.channels, 1);
}

export const codebookView: View = {
  uses: ['vae', 'model', 'epochs', 'preview', 'theme'],
  render({ vae, model, epochs, preview }, changed) {
    const vq = model?.model === 'vqvae';
    el(id.section).hidden = !vq;
    if (!vq || !model) return;
    const k = model.codebookSize ?? 0;
    el(id.note).textContent = l10n.t('(K = {0} codes of D = {1}{2})', k, model.codeDim ?? 0, model.ema ? l10n.t(', EMA updates') : '');
    const withStats = epochs.filter((e) => e.codebook);
    const last = withStats.at(-1)?.codebook;
    if (last) {
      drawCodebookUsage(el<HTMLCanvasElement>(id.hist), last.counts);
      const dead = last.counts.flatMap((c, i) => (c === 0 ? [i] : []));
      el(id.usage).textContent = l10n.t('{0} of {1} codes used, perplexity {2}; dead codes: {3}', last.used, last.counts.length, last.perplexity.toFixed(1), dead.length ? dead.join(', ') : l10n.t('none'));
      drawSparkline(el<HTMLCanvasElement>(id.perplexity), withStats.map((e) => e.codebook!.perplexity), [0, Math.max(1, k)]);
      fillTable(
        el<HTMLTableElement>(id.table),
        l10n.t('Codebook use per epoch (training steps)'),
        [l10n.t('epoch'), l10n.t('perplexity'), l10n.t('codes used'), l10n.t('codes restarted'), l10n.t('commitment ‖z_e − sg[e]‖²')],
        withStats.map((e) => [String(e.epoch), cell(e.codebook!.perplexity), String(e.codebook!.used), String(e.codebook!.restarted ?? '—'), cell(e.codebook!.commitment)]),
      );
    } else el(id.usage).textContent = l10n.t('Code usage appears after the first epoch.');
    if (!vae?.codebook || !preview) return;
    el<HTMLInputElement>(id.image).max = String(preview.count);
    el<HTMLInputElement>(id.swap).max = String(vae.codebook.size - 1);
    if (!grid || grid.vae !== vae || grid.preview !== preview || changed.has('vae') || changed.has('preview')) encodeChosen(vae, preview);
  },
  listen({ store }) {
    el(id.image).addEventListener('change', () => {
      const { vae, preview } = store.get();
      if (vae?.codebook && preview) encodeChosen(vae, preview);
    });
    el(id.reset).addEventListener('click', () => {
      if (!grid) return;
      grid.edited = Int32Array.from(grid.codes);
      refreshButtons();
      decodeEdited();
      announce(l10n.t('The code grid is back to the encoder’s codes.'));
    });
    // one listener for every cell: buttons fire click on Enter and Space as well
    el(id.grid).addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-cell]');
      if (!b || !grid) return;
      const size = grid.vae.codebook!.size;
      const code = Math.min(size - 1, Math.max(0, Math.round(Number(el<HTMLInputElement>(id.swap).value)) || 0));
      const i = Number(b.dataset.cell);
      grid.edited[i] = code;
      refreshButtons();
      decodeEdited();
      const text = l10n.t('{0} now holds code {1}; the image on the right is decoded from the edited grid.', cellLabel(i, grid.vae.codebook!.grid[1], code, grid.codes[i]), code);
      el(id.cell).textContent = text;
      announce(text);
    });
    el(id.grid).addEventListener('mouseover', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-cell]');
      if (b) el(id.cell).textContent = b.title;
    });
  },
};
