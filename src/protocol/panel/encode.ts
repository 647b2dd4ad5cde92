// Encode Image: the input, the decoded μ, an edited image, its nearest dataset images and one slider per latent.
import { section } from './section';

export const encode = section(
  'encode',
  {
    section: 'encode-section', heading: 'enc-h', name: 'enc-name', original: 'enc-original', recon: 'enc-recon', edited: 'enc-edited', note: 'enc-note',
    neighboursRow: 'enc-neighbours-row', neighbours: 'enc-neighbours', neighbourNames: 'enc-neighbour-names', reset: 'enc-reset', save: 'enc-save', dims: 'enc-dims',
    attrRow: 'enc-attr-row', attrFrom: 'enc-attr-from', attrTo: 'enc-attr-to', strength: 'enc-strength', strengthValue: 'enc-strength-value', attrNote: 'enc-attr-note',
    /** Prefix of the slider ids: enc-z0, enc-z1, … */
    sliderPrefix: 'enc-z',
  },
  (id) => `<section id="${id.section}" aria-labelledby="${id.heading}" hidden><h2 id="${id.heading}">Encoded image <small id="${id.name}"></small></h2>
<div class="encode"><figure><canvas id="${id.original}" width="10" height="10" role="img" aria-label="input image"></canvas><figcaption>input</figcaption></figure>
<figure><canvas id="${id.recon}" width="10" height="10" role="img" aria-label="decoded μ"></canvas><figcaption>decoded μ</figcaption></figure>
<figure><canvas id="${id.edited}" width="10" height="10" role="img" aria-label="edited image (decoded from the sliders)"></canvas><figcaption>edited</figcaption></figure></div>
<p id="${id.note}" class="note"></p>
<div id="${id.neighboursRow}"><span class="note">Nearest images of the dataset in latent space:</span> <canvas id="${id.neighbours}" width="10" height="10" role="img" aria-label="nearest images of the dataset" aria-describedby="${id.neighbourNames}"></canvas>
<span id="${id.neighbourNames}" class="note"></span></div>
<div id="${id.attrRow}" class="controls" role="group" aria-label="Attribute vector"><label for="${id.attrFrom}">Attribute from</label><select id="${id.attrFrom}"></select>
<label for="${id.attrTo}">to</label><select id="${id.attrTo}"></select>
<label for="${id.strength}">Strength</label><input id="${id.strength}" type="range" min="-2" max="2" step="0.1" value="0"><output id="${id.strengthValue}" for="${id.strength}">0.0</output></div>
<p id="${id.attrNote}" class="note"></p>
<div class="controls"><button id="${id.reset}">Reset to μ</button><button id="${id.save}">Save Edited Image…</button></div>
<div id="${id.dims}" class="enc-dims"></div></section>`,
);
