// The model panel's page: a store (state.ts, persisted through getState/setState so a hidden or reloaded panel
// comes back as it was and the serializer knows which model to reopen), one router for host messages
// (router.ts), and one view module per section (views/), each redrawing only when its data changed.
import { serve, type Envelope, type Replies } from '../protocol/envelope';
import { hostToPage, type HostToPage, type PageToHost } from '../protocol/webview';
import { loadDecoderOnChange } from './decoderLoader';
import { hostHandlers } from './router';
import { persistTo, restore } from './state';
import { Store } from './pageStore';
import { adversarialView } from './views/adversarial';
import { codebookView } from './views/codebook';
import { conditionalView } from './views/conditional';
import { curvesView } from './views/curves';
import { diagnosticsView } from './views/diagnostics';
import { encodeView } from './views/encode';
import { flowView } from './views/flow';
import { interpolationView } from './views/interpolation';
import { latentMapView } from './views/latentMap';
import { metricsView } from './views/metrics';
import { neighboursView } from './views/neighbours';
import { overviewView } from './views/overview';
import { priorView } from './views/prior';
import { reconstructionsView } from './views/reconstructions';
import { samplesView } from './views/samples';
import { jobSamplesView } from './views/jobSamples';
import { traversalView } from './views/traversal';
import { mount, type View } from './views/view';

interface VsCodeApi {
  postMessage(e: Envelope<PageToHost>): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** In page order; a new section is a module in views/ and a line here (and its fragment in protocol/panel/). */
const VIEWS: View[] = [overviewView, encodeView, curvesView, reconstructionsView, samplesView, jobSamplesView, priorView, adversarialView, codebookView, conditionalView, flowView, interpolationView, traversalView, latentMapView, neighboursView, diagnosticsView, metricsView];

const vscode = acquireVsCodeApi();
const send = (message: PageToHost) => vscode.postMessage({ kind: 'notify', message });
const store = new Store(restore(vscode.getState()));
persistTo(store, (s) => vscode.setState(s));
for (const view of VIEWS) mount(view, { store, send });
loadDecoderOnChange(store);

// Host messages arrive in the envelope and are checked against hostToPage; a refusal is a host bug, logged.
const route = serve<HostToPage, Replies<HostToPage>>(hostHandlers(store), () => undefined, {
  messages: hostToPage,
  onInvalid: (problem) => console.error(`refused a message from the host: ${problem}`),
  toFailure: (err) => ({ message: err instanceof Error ? err.message : String(err), userError: false }),
});
window.addEventListener('message', (e: MessageEvent<unknown>) => route(e.data));
// VS Code swaps the body class and the CSS variables on a theme change: the views drawing theme colours redraw.
new MutationObserver(() => store.update({ theme: store.get().theme + 1 })).observe(document.body, { attributes: true, attributeFilter: ['class'] });
send({ type: 'ready' });
