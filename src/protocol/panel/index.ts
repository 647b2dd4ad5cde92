// The model panel's sections in page order. A section for a new model variant is a fragment here (one file,
// one line below) and a view module in webview/views/ (one file, one line in webview/main.ts).
import { adversarial } from './adversarial';
import { codebook } from './codebook';
import { conditional } from './conditional';
import { curves } from './curves';
import { diagnostics } from './diagnostics';
import { encode } from './encode';
import { flow } from './flow';
import { interpolation } from './interpolation';
import { jobSamples } from './jobSamples';
import { latentMap } from './latentMap';
import { metrics } from './metrics';
import { neighbours } from './neighbours';
import { overview } from './overview';
import { prior } from './prior';
import { reconstructions } from './reconstructions';
import { samples } from './samples';
import type { Section } from './section';
import { traversal } from './traversal';

export { adversarial, codebook, conditional, curves, diagnostics, encode, flow, interpolation, jobSamples, latentMap, metrics, neighbours, overview, prior, reconstructions, samples, traversal };

/** The header, then the sections of <main>. */
export const PANEL_HEADER = overview;
export const PANEL_SECTIONS: Section<Record<string, string>>[] = [encode, curves, reconstructions, samples, jobSamples, prior, adversarial, codebook, conditional, flow, interpolation, traversal, latentMap, neighbours, diagnostics, metrics];
