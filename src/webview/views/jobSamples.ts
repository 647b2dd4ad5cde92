// The section of a model whose decoder this page cannot run (a PixelCNN decoder, hidden for other models): its
// prior samples come from the job process, which draws them one pixel per network pass. The button asks for them
// at the samples section's temperature and seed; the progress bar follows the rows drawn; Cancel stops the job.
import { jobSamples as section } from '../../protocol/panel';
import { isAutoregressive } from '../../shared/types';
import { el } from '../dom';
import { drawGrid } from '../imageGrid';
import { l10n } from '../l10n';
import type { View } from './view';

const id = section.ids;
/** Images per request: 16 images of 28×28 take about a minute on one busy core. */
export const JOB_SAMPLE_COUNT = 16;

export const jobSamplesView: View = {
  uses: ['model', 'jobSamples', 'jobSamplesProgress', 'jobSamplesProblem'],
  render({ model, jobSamples: got, jobSamplesProgress: progress, jobSamplesProblem: problem }, changed) {
    const shown = model !== null && isAutoregressive(model);
    el(id.section).hidden = !shown;
    if (!shown || !model) return;
    const [h, w] = model.inputShape;
    el(id.note).textContent = l10n.t('(z ∼ N(0, T²·I), then {0} network passes per image, one per pixel, in the job process)', h * w);
    const bar = el<HTMLProgressElement>(id.progress);
    bar.max = progress?.total ?? 1;
    bar.value = progress?.done ?? 0;
    el<HTMLButtonElement>(id.cancel).disabled = progress === null;
    el<HTMLButtonElement>(id.draw).disabled = progress !== null;
    const status = progress
      ? l10n.t('Drawing: pixel {0} of {1} of every image…', progress.done, progress.total)
      : problem
        ? l10n.t('No new samples: {0}', problem)
        : got
          ? l10n.t('{0} samples drawn in {1} s in the job process.', got.count, got.seconds.toFixed(1))
          : '';
    el(id.status).textContent = status;
    if (got && changed.has('jobSamples')) drawGrid(el<HTMLCanvasElement>(id.canvas), got.pixels, got.count, got.height, got.width, got.channels, 8);
  },
  listen({ store, send }) {
    el(id.draw).addEventListener('click', () => {
      const s = store.get().samples;
      // progress starts at 0 here: the button disables at once, before the job's first row
      store.update({ jobSamplesProgress: { done: 0, total: (store.get().model?.inputShape[0] ?? 1) * (store.get().model?.inputShape[1] ?? 1) }, jobSamplesProblem: '' });
      send({ type: 'requestJobSamples', count: JOB_SAMPLE_COUNT, temperature: s.temperature, seed: s.seed });
    });
    el(id.cancel).addEventListener('click', () => send({ type: 'cancelJobSamples' }));
  },
};
