// Metrics: the Compute Metrics button, its status, and the table of metrics (value, what it says, its source).
import { section } from './section';

export const metrics = section(
  'metrics',
  { heading: 'metrics-h', compute: 'metrics-compute', status: 'metrics-status', table: 'metrics-table', notes: 'metrics-notes' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Metrics</h2>
<div class="controls"><button id="${id.compute}">Compute metrics</button></div>
<p id="${id.status}" class="note" role="status" aria-live="polite">Not computed yet.</p>
<table id="${id.table}" class="metrics"></table>
<ul id="${id.notes}" class="note"></ul></section>`,
);
