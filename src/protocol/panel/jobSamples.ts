// Samples of a model whose decoder this page cannot run (a PixelCNN decoder: one network pass per pixel), drawn
// by the job process on request, with a progress bar and Cancel. Hidden for other models.
import { section } from './section';

export const jobSamples = section(
  'jobSamples',
  { section: 'job-samples', heading: 'job-samples-h', note: 'job-samples-note', draw: 'job-samples-draw', cancel: 'job-samples-cancel', progress: 'job-samples-progress', status: 'job-samples-status', canvas: 'job-samples-canvas' },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Samples drawn pixel by pixel <small id="${id.note}"></small></h2>
<div class="controls"><button id="${id.draw}">Draw 16 samples in the job process</button><button id="${id.cancel}" disabled>Cancel</button>
<progress id="${id.progress}" max="1" value="0" aria-label="Pixels drawn so far"></progress></div>
<p id="${id.status}" class="note" aria-live="polite"></p>
<canvas id="${id.canvas}" width="10" height="10" role="img" aria-label="Samples from the prior, drawn pixel by pixel by the PixelCNN decoder"></canvas></section>`,
);
