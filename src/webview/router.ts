// The page's one router: each host message type has one handler, which turns it into a store update (the views
// draw from the store). The compiler checks that every declared message type has its handler.
import type { Handlers, Replies } from '../protocol/envelope';
import { encode, interpolation, samples } from '../protocol/panel';
import type { HostToPage } from '../protocol/webview';
import type { ModelConfig } from '../shared/types';
import type { PageState } from './state';
import type { Store } from './pageStore';

const scrollTo = (id: string) => document.getElementById(id)?.scrollIntoView?.({ block: 'start' });

/** The same configuration object when nothing in it changed, so a repeated `model` message decodes nothing anew. */
function sameOr(previous: ModelConfig | null, next: ModelConfig): ModelConfig {
  return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

export function hostHandlers(store: Store<PageState>): Handlers<HostToPage, Replies<HostToPage>, never> {
  return {
    model: ({ summary, epochs }) => store.update({ summary, epochs, model: sameOr(store.get().model, summary.model), modelDir: summary.modelDir, notice: '' }),
    epoch: ({ metrics }) => store.update({ epochs: [...store.get().epochs.filter((e) => e.epoch < metrics.epoch), metrics] }),
    status: ({ status, message }) => {
      const summary = store.get().summary;
      store.update({ summary: summary ? { ...summary, status } : null, notice: message ?? '' });
    },
    decoder: ({ source }) => store.update({ decoderSource: source }),
    preview: ({ preview }) => store.update({ preview }),
    notice: ({ text }) => store.update({ notice: text }),
    latentMap: ({ map }) => store.update({ latentMap: map, mapProgress: null }),
    mapProgress: ({ progress }) => store.update({ mapProgress: progress }),
    mapImages: ({ images }) => store.update({ mapImages: images }),
    metrics: ({ report }) => store.update({ metrics: report, metricsState: 'idle' }),
    metricsState: ({ state }) => store.update({ metricsState: state }),
    latentStats: ({ stats }) => store.update({ latentStats: stats }),
    // a reopened saved edit: its encoding came just before (the host awaits it), so the sliders start from its code
    applyEdit: ({ edit }) => store.update({ code: [...edit.code], attribute: { from: edit.attribute?.from ?? '', to: edit.attribute?.to ?? '', strength: edit.strength } }),
    showSamples: () => {
      scrollTo(samples.ids.heading);
      const s = store.get().samples;
      store.update({ samples: { ...s, seed: s.seed + 1 } });
    },
    interpolatePair: ({ pair }) => {
      store.update({ pair, interpolation: { ...store.get().interpolation, a: 0, b: 1 }, pickNext: 'a' });
      scrollTo(interpolation.ids.heading);
    },
    // a failed request keeps the last answer on screen and says why beside it
    neighbours: ({ result, problem }) => store.update({ neighbours: result ?? store.get().neighbours, neighboursProblem: problem }),
    imageSearch: ({ result, problem }) => store.update({ imageSearch: result ?? store.get().imageSearch, neighboursProblem: problem }),
    jobSamplesProgress: ({ done, total }) => store.update({ jobSamplesProgress: { done, total } }),
    // a failed or cancelled request keeps the last samples on screen and says why beside them
    jobSamples: ({ result, problem }) => store.update({ jobSamples: result ?? store.get().jobSamples, jobSamplesProgress: null, jobSamplesProblem: problem }),
    encoded: ({ encoding }) => {
      // no edit yet: the sliders start where views/encode.ts's startCode says (μ, or f(μ) with a flow)
      store.update({ encoded: encoding, code: null });
      scrollTo(encode.ids.section);
    },
  };
}
