// Loss curves over epochs.
import { section } from './section';

export const curves = section(
  'curves',
  { heading: 'loss-h', canvas: 'loss', legend: 'legend' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Loss curves <small>(nats per image)</small></h2>
<canvas id="${id.canvas}" width="640" height="260" aria-label="Loss curves"></canvas><div id="${id.legend}" class="legend"></div></section>`,
);
