// Loads the in-page model when its weights file changes (each checkpoint has a new content-named file) and puts
// it in the store, where the views that decode pick it up.
import { OnnxPageVae } from './onnxPageVae';
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
      // an imported model runs its ONNX files in onnxruntime-web; its answers land later and redraw the views
      const next = source.onnx ? await OnnxPageVae.load(source, state.model) : await PageVae.load(source, state.model);
      if (next instanceof OnnxPageVae) next.onReady = () => store.update({ vae: (store.get().vae as OnnxPageVae).fork() });
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
