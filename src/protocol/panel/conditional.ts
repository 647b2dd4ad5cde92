// A conditional VAE's own section: samples per label (one row per label, each column one z, so a column is one z
// decoded under every label), the label the other sections decode under, and whether the label is being used.
import { section } from './section';

export const conditional = section(
  'conditional',
  { section: 'cvae', heading: 'cvae-h', note: 'cvae-note', label: 'cvae-label', canvas: 'cvae-grid', rows: 'cvae-rows', verdict: 'cvae-verdict' },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Samples per label <small id="${id.note}">(each row one label, each column one z decoded under every label)</small></h2>
<div class="controls"><label>Samples, interpolation and traversal decode under <select id="${id.label}"></select></label></div>
<div class="traverse"><div id="${id.rows}" class="trav-labels"></div><canvas id="${id.canvas}" width="10" height="10" aria-label="Samples per label"></canvas></div>
<p id="${id.verdict}" class="note"></p></section>`,
);
