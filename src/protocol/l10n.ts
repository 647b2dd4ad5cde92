// Translation for both webviews, pure so the host, the page and the tests share it. The host passes
// `vscode.l10n.bundle` (undefined in English): English source strings are the keys, `{0}`… the arguments, as
// in vscode.l10n.t. The static HTML is translated by the host before it is served (translateHtml: every text
// node and every aria-label/title/placeholder whose text is a key); the page translates what it writes with t().

export type L10nBundle = Record<string, string>;

/** The element holding the bundle in the page: a JSON data block (never executed, so the CSP allows it). */
export const L10N_ELEMENT_ID = 'l10n';

/** `{0}`, `{1}`… replaced by the arguments, as vscode.l10n.t does. */
export function format(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** t() over one bundle: the translation when there is one, else the English key, then formatted. */
export function translator(bundle: L10nBundle | undefined): (key: string, ...args: (string | number)[]) => string {
  return (key, ...args) => format(bundle?.[key] ?? key, args);
}

// ">text<" runs and the attributes people hear or see; keys are the trimmed text, the surrounding space is kept
const TEXT_RUN = />([^<>]+)</g;
const SEEN_ATTRIBUTES = /\b(aria-label|title|placeholder)="([^"]*)"/g;

/** Strings of an HTML fragment that people read: trimmed text runs and seen attributes with a letter in them. */
export function visibleStrings(html: string): string[] {
  const out: string[] = [];
  const body = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<title>[\s\S]*?<\/title>/g, '');
  for (const m of body.matchAll(TEXT_RUN)) out.push(m[1].trim());
  for (const m of body.matchAll(SEEN_ATTRIBUTES)) out.push(m[2].trim());
  return out.filter((s) => /\p{L}/u.test(s));
}

/** The fragment with every visible string that is a key of the bundle replaced by its translation. */
export function translateHtml(html: string, bundle: L10nBundle | undefined): string {
  if (!bundle) return html;
  const swap = (text: string) => {
    const key = text.trim();
    const to = bundle[key];
    return to === undefined ? text : text.replace(key, () => escapeText(to));
  };
  return html
    .replace(TEXT_RUN, (_, text: string) => `>${swap(text)}<`)
    .replace(SEEN_ATTRIBUTES, (_, name: string, text: string) => `${name}="${swap(text).replace(/"/g, '&quot;')}"`);
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The bundle as a JSON data block for the page: `<` escaped so no text in it can close the element. */
export function bundleElement(bundle: L10nBundle | undefined): string {
  const json = JSON.stringify(bundle ?? {}).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${L10N_ELEMENT_ID}">${json}</script>`;
}
