// The model panel's HTML. Pure (no vscode import) so the webview test renders exactly what the panel serves.
// CSP: nothing loads but our own script (by nonce), stylesheet and the model's weights (from the webview's
// resource origin); images only from data:/blob: (canvas exports). No inline script, no JS eval.

export interface PanelHtmlInput {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The policy both webviews use: our nonce'd script, our stylesheet and resources, fetches from the resource origin. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval' permits compiling WebAssembly only (never JS eval): tfjs's int64 helper (long.js) probes
    // for it at load, and the wasm decoder fallback needs it.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    // the page's own decoder fetches the model's weights file, served from the model folder
    `connect-src ${cspSource}`,
  ].join('; ');
}

/** Doctype through <head>: the policy, the viewport and our stylesheet. */
export function pageHead(i: PanelHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(i.cspSource, i.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${i.styleUri}">
<title>${escapeHtml(i.title)}</title>
</head>`;
}

export function renderPanelHtml(i: PanelHtmlInput): string {
  return `${pageHead(i)}
<body>
<header id="summary"><h1 id="title">${escapeHtml(i.title)}</h1><p id="status" role="status"></p><dl id="facts"></dl>
<button id="cancel" hidden>Cancel training</button></header>
<main>
<section id="encode-section" aria-labelledby="enc-h" hidden><h2 id="enc-h">Encoded image <small id="enc-name"></small></h2>
<div class="encode"><figure><canvas id="enc-original" width="10" height="10"></canvas><figcaption>input</figcaption></figure>
<figure><canvas id="enc-recon" width="10" height="10"></canvas><figcaption>decoded μ</figcaption></figure>
<figure><canvas id="enc-edited" width="10" height="10"></canvas><figcaption>edited</figcaption></figure></div>
<p id="enc-note" class="note"></p>
<div id="enc-neighbours-row"><span class="note">Nearest images of the dataset in latent space:</span> <canvas id="enc-neighbours" width="10" height="10"></canvas>
<span id="enc-neighbour-names" class="note"></span></div>
<div class="controls"><button id="enc-reset">Reset to μ</button><button id="enc-save">Save Edited Image…</button></div>
<div id="enc-dims" class="enc-dims"></div></section>
<section aria-labelledby="loss-h"><h2 id="loss-h">Loss curves <small>(nats per image)</small></h2>
<canvas id="loss" width="640" height="260" aria-label="Loss curves"></canvas><div id="legend" class="legend"></div></section>
<section aria-labelledby="rec-h"><h2 id="rec-h">Reconstructions <small>(top: input, bottom: output)</small></h2>
<div class="controls"><label><input type="radio" name="rec-order" value="spread" checked> a spread of images</label>
<label><input type="radio" name="rec-order" value="worst"> worst reconstructed first (anomaly candidates)</label></div>
<canvas id="recon" width="10" height="10" aria-label="Reconstructions; click an input to open its file"></canvas><p id="recon-note" class="note"></p></section>
<section aria-labelledby="samples-h"><h2 id="samples-h">Samples from the prior <small id="samples-note"></small></h2>
<div class="controls"><label for="temperature">Temperature</label>
<input id="temperature" type="range" min="0.1" max="2" step="0.1" value="1"><output id="temperature-value" for="temperature">1.0</output>
<button id="reroll">Re-roll</button><button id="export-samples">Export PNG…</button></div>
<canvas id="samples" width="10" height="10" aria-label="Samples from the prior"></canvas></section>
<section aria-labelledby="interp-h"><h2 id="interp-h">Interpolate <small>(click two inputs: A, then B)</small></h2>
<div id="picker" class="picker"></div>
<div class="controls"><label><input type="radio" name="interp-mode" value="spherical" checked> spherical</label>
<label><input type="radio" name="interp-mode" value="linear"> linear</label>
<label for="steps">Steps</label><input id="steps" type="number" min="2" max="16" value="8">
<button id="export-interp">Export PNG…</button></div>
<canvas id="interp" width="10" height="10" aria-label="Interpolation from A to B"></canvas></section>
<section aria-labelledby="trav-h"><h2 id="trav-h">Traverse <small>(each row one latent dimension, −3σ to +3σ, highest KL first)</small></h2>
<div class="controls"><label><input type="radio" name="trav-center" value="image" checked> around image A</label>
<label><input type="radio" name="trav-center" value="origin"> around the origin</label></div>
<div class="traverse"><div id="trav-labels" class="trav-labels"></div><canvas id="traverse" width="10" height="10" aria-label="Latent traversals"></canvas></div></section>
<section aria-labelledby="map-h"><h2 id="map-h">Latent map <small id="map-note">(μ(x) over the dataset, projected to 2-D)</small></h2>
<div class="controls"><label>Projection <select id="map-method"><option value="pca">PCA (any point decodes)</option><option value="umap">UMAP (clusters)</option></select></label><button id="map-compute">Compute latent map</button></div>
<div class="map"><canvas id="map" width="480" height="480" aria-label="Latent map: hover to see an image, click to decode a point"></canvas>
<div><figure><canvas id="map-hover" width="10" height="10"></canvas><figcaption id="map-hover-label">hover a dot</figcaption></figure>
<figure><canvas id="map-decoded" width="10" height="10"></canvas><figcaption id="map-decoded-label">click to decode</figcaption></figure></div></div>
<div id="map-legend" class="legend"></div></section>
<section aria-labelledby="kl-h"><h2 id="kl-h">KL per latent dimension <small id="active"></small></h2>
<div id="klbars" class="klbars"></div><p id="verdict" class="note"></p>
<div class="controls" id="remedies"><span class="note">Remedies (each starts a new training run on the same data):</span>
<button data-remedy="halveBeta">Halve β</button><button data-remedy="warmup">Add KL warm-up</button><button data-remedy="freeBits">Add free bits</button>
<button data-remedy="smallerDecoder">Halve the hidden layers</button><button data-remedy="fewerLatents">Keep only the active dimensions</button></div>
<h3>KL per dimension over epochs <small>(rows z0…, columns epochs; brighter = more nats)</small></h3>
<canvas id="klheat" width="10" height="10" aria-label="KL per dimension over epochs"></canvas>
<h3>KL weight β per epoch <small id="beta-note"></small></h3>
<canvas id="beta" width="320" height="60" aria-label="KL weight schedule"></canvas></section>
</main>
<script nonce="${i.nonce}" src="${i.scriptUri}"></script>
</body>
</html>`;
}
