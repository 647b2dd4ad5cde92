// Loads the in-page model when its weights file changes (each checkpoint has a new content-named file) and puts
// it in the store, where the views that decode pick it up.
import { PageVae } from './pageVae';
import type { PageState } from './state';
import type { Store } from './pageStore';

export function loadDecoderOnChange(store: Store<PageState>): void {
  let loadingFor = '';
  const load = async (state: Readonly<PageState>) => {
    const source = state.decoderSource;
    if (!source || !state.model || loadingFor === source.weightsUri) return;
    loadingFor = source.weightsUri;
    try {
      const next = await PageVae.load(source, state.model);
      if (loadingFor !== source.weightsUri) return next.dispose(); // a newer checkpoint arrived meanwhile
      const previous = store.get().vae;
      store.update({ vae: next, decoderProblem: '' });
      previous?.dispose();
    } catch (err) {
      loadingFor = '';
      store.update({ decoderProblem: (err as Error).message });
    }
  };
  store.subscribe(['decoderSource', 'model'], (s) => void load(s));
  void load(store.get());
}
