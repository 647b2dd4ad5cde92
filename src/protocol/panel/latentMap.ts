// The latent map: μ(x) of every image of the dataset in 2-D, pan and zoom, hover for the file, click to select
// and decode. The points canvas (WebGL) has an overlay canvas on top for thumbnails and marks.
import { section } from './section';

export const latentMap = section(
  'latentMap',
  {
    heading: 'map-h', note: 'map-note', method: 'map-method', all: 'map-all', allLabel: 'map-all-label', axes: 'map-axes', x0: 'map-x0', x1: 'map-x1', y0: 'map-y0', y1: 'map-y1',
    compute: 'map-compute', busy: 'map-busy', progress: 'map-progress', stage: 'map-stage', cancel: 'map-cancel',
    canvas: 'map', over: 'map-over', tip: 'map-tip', hover: 'map-hover', hoverLabel: 'map-hover-label', decoded: 'map-decoded', decodedLabel: 'map-decoded-label',
    keys: 'map-keys', legend: 'map-legend', selected: 'map-selected', frames: 'map-frames', table: 'map-table',
  },
  (id) => `<section aria-labelledby="${id.heading}"><h2 id="${id.heading}">Latent map <small id="${id.note}">(μ(x) over the dataset, projected to 2-D)</small></h2>
<div class="controls"><label>Projection <select id="${id.method}"><option value="pca">PCA (any point decodes)</option><option value="umap">UMAP (clusters)</option><option value="custom">Custom axes (label to label)</option></select></label>
<label id="${id.allLabel}" hidden><input type="checkbox" id="${id.all}"> UMAP on every image (slower)</label>
<span id="${id.axes}" hidden><label>x from <select id="${id.x0}"></select></label> <label>to <select id="${id.x1}"></select></label> <label>y from <select id="${id.y0}"></select></label> <label>to <select id="${id.y1}"></select></label></span>
<button id="${id.compute}">Compute latent map</button>
<span id="${id.busy}" hidden><progress id="${id.progress}" max="1" value="0" aria-labelledby="${id.stage}"></progress> <span id="${id.stage}"></span> <button id="${id.cancel}">Cancel</button></span></div>
<div class="map"><div class="map-stage"><canvas id="${id.canvas}" width="640" height="480" tabindex="0" role="application" aria-label="Latent map: drag or arrow keys to pan, wheel or plus and minus to zoom, Shift and the arrow keys to move between images, Enter to select one" aria-describedby="${id.note} ${id.keys} ${id.selected}"></canvas><canvas id="${id.over}" class="map-over" width="640" height="480" aria-hidden="true"></canvas><div id="${id.tip}" class="map-tip" role="tooltip" hidden></div></div>
<div><figure><canvas id="${id.hover}" width="10" height="10" role="img" aria-labelledby="${id.hoverLabel}"></canvas><figcaption id="${id.hoverLabel}" aria-live="polite">hover a dot</figcaption></figure>
<figure><canvas id="${id.decoded}" width="10" height="10" role="img" aria-labelledby="${id.decodedLabel}"></canvas><figcaption id="${id.decodedLabel}" aria-live="polite">click to decode</figcaption></figure></div></div>
<p id="${id.keys}" class="map-keys">Drag or arrow keys: pan · wheel or + / −: zoom · 0: whole map · Shift + arrows: next image · Enter: select. Click a legend entry to show only that class.</p>
<div id="${id.legend}" class="legend" role="group" aria-label="Classes: press one to show only it"></div>
<p id="${id.selected}" class="map-selected" aria-live="polite"></p>
<p id="${id.frames}" class="map-frames"></p>
<details class="as-table"><summary>Show as table</summary><table id="${id.table}"></table></details></section>`,
);
