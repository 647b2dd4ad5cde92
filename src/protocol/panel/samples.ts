// Samples from the prior, decoded in the page: temperature, re-roll, export.
import { section } from './section';

export const samples = section(
  'samples',
  { heading: 'samples-h', note: 'samples-note', temperature: 'temperature', temperatureValue: 'temperature-value', reroll: 'reroll', export: 'export-samples', canvas: 'samples' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Samples from the prior <small id="${id.note}"></small></h2>
<div class="controls"><label for="${id.temperature}">Temperature</label>
<input id="${id.temperature}" type="range" min="0.1" max="2" step="0.1" value="1"><output id="${id.temperatureValue}" for="${id.temperature}">1.0</output>
<button id="${id.reroll}">Re-roll</button><button id="${id.export}">Export PNG…</button></div>
<canvas id="${id.canvas}" width="10" height="10" role="img" aria-label="Samples from the prior"></canvas></section>`,
);
