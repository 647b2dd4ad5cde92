// Reconstructions: the grid is redrawn only for a new preview; the note also follows the notice.
import { reconstructions as section } from '../../protocol/panel';
import { el, radios } from '../dom';
import { drawReconstructions, reconstructionAt } from '../imageGrid';
import type { View } from './view';

const id = section.ids;

export const reconstructionsView: View = {
  uses: ['preview', 'notice'],
  render({ preview: p, notice }, changed) {
    if (p && changed.has('preview')) drawReconstructions(el<HTMLCanvasElement>(id.canvas), p);
    el(id.note).textContent = p
      ? `${p.order === 'worst' ? 'The worst reconstructed images of the dataset. ' : ''}Anomaly score −log p(x | z = μ) per image, nats: ${p.errors.map((v) => v.toFixed(0)).join(', ')}. Click an input to open its file.`
      : notice || 'Reconstructions appear after the first epoch.';
    for (const r of radios(id.order)) r.checked = r.value === (p?.order ?? 'spread');
  },
  listen({ store, send }) {
    for (const r of radios(id.order)) r.addEventListener('change', () => send({ type: 'requestPreview', order: r.value === 'worst' ? 'worst' : 'spread' }));
    el(id.canvas).addEventListener('click', (e) => {
      const p = store.get().preview;
      const i = p ? reconstructionAt(el<HTMLCanvasElement>(id.canvas), e, p.count) : null;
      if (i !== null) send({ type: 'openSource', index: i });
    });
  },
};
