// A view: one section of the panel. It names the state fields it draws from, draws from them (told which
// changed, so it can redraw only its affected parts), and wires its own controls once.
import type { PageToHost } from '../../protocol/webview';
import type { PageState } from '../state';
import type { Store } from '../pageStore';

export interface ViewContext {
  store: Store<PageState>;
  send(message: PageToHost): void;
}

export interface View {
  readonly uses: readonly (keyof PageState)[];
  render(state: Readonly<PageState>, changed: ReadonlySet<keyof PageState>): void;
  listen?(ctx: ViewContext): void;
}

/** Wires a view, draws it once from the current state, then again whenever a field it uses changes. */
export function mount(view: View, ctx: ViewContext): void {
  view.listen?.(ctx);
  ctx.store.subscribe(view.uses, (s, changed) => view.render(s, changed));
  view.render(ctx.store.get(), new Set(view.uses));
}
