// One section of the model panel as both sides know it: its element ids (a typed constant object) and its HTML
// fragment built from them. The host assembles the page from the fragments (extension/panelHtml.ts) and the
// page's view module for the section (webview/views/<name>.ts) finds its elements through the same ids, so an id
// exists once and a typo is a compile error. Fragments are static: no inline script or style (strict CSP).
import { withNote } from './explain';

export interface Section<I extends Record<string, string>> {
  name: string;
  /** Element ids (and radio-group names, marked as such) of this section. */
  ids: I;
  /** The fragment; `title` is already HTML-escaped. */
  html(page: { title: string }): string;
}

export function section<const I extends Record<string, string>>(name: string, ids: I, html: (id: I, page: { title: string }) => string): Section<I> {
  // each section carries its "What am I looking at?" note below its heading (explain.ts)
  return { name, ids, html: (page) => withNote(name, html(ids, page)) };
}
