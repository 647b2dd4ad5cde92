// Loss curves over epochs.
import { section } from './section';

export const curves = section(
  'curves',
  { heading: 'loss-h', canvas: 'loss', legend: 'legend', table: 'loss-table' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Loss curves <small>(nats per image)</small></h2>
<canvas id="${id.canvas}" width="640" height="260" role="img" aria-label="Loss curves (the table below holds the values)"></canvas><div id="${id.legend}" class="legend"></div>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
