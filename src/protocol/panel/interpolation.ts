// Interpolation between two picked images, linear or spherical.
import { section } from './section';

export const interpolation = section(
  'interpolation',
  { heading: 'interp-h', note: 'interp-note', picker: 'picker', /** radio-group name */ mode: 'interp-mode', steps: 'steps', export: 'export-interp', canvas: 'interp' },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Interpolate <small>(click two inputs: A, then B)</small></h2>
<div id="${id.picker}" class="picker" role="group" aria-label="Images to interpolate between: the first pick is A, the next B (arrow keys move between them)"></div>
<div class="controls"><label><input type="radio" name="${id.mode}" value="spherical" checked> spherical</label>
<label><input type="radio" name="${id.mode}" value="linear"> linear</label>
<label for="${id.steps}">Steps</label><input id="${id.steps}" type="number" min="2" max="16" value="8">
<button id="${id.export}">Export PNG…</button></div>
<p id="${id.note}" class="note"></p>
<canvas id="${id.canvas}" width="10" height="10" role="img" aria-label="Interpolation from A to B"></canvas></section>`,
);
