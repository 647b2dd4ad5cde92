// Loss curves over epochs (an imported model has none: the note says so instead of an empty chart).
import { section } from './section';

export const curves = section(
  'curves',
  { heading: 'loss-h', canvas: 'loss', legend: 'legend', table: 'loss-table', tableBox: 'loss-table-box', note: 'curves-note' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Loss curves <small>(nats per image)</small></h2>
<p id="${id.note}" class="note" hidden></p>
<canvas id="${id.canvas}" width="640" height="260" role="img" aria-label="Loss curves (the table below holds the values)"></canvas><div id="${id.legend}" class="legend"></div>
<details id="${id.tableBox}" class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
