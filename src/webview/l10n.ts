// The page's t(): the bundle the host put in the page (protocol/l10n.ts bundleElement), read once. English
// source strings are the keys; `{0}`… the arguments. Without a bundle (English, or the page tests) t() gives the key.
import { L10N_ELEMENT_ID, translator, type L10nBundle } from '../protocol/l10n';

let current: ((key: string, ...args: (string | number)[]) => string) | undefined;

function readBundle(): L10nBundle | undefined {
  const text = typeof document === 'undefined' ? null : document.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    return JSON.parse(text) as L10nBundle;
  } catch {
    // a bundle that does not parse is a packaging bug; English still reads correctly
    return undefined;
  }
}

/** The display-language text of an English string, `{0}`… filled from args. */
export function t(key: string, ...args: (string | number)[]): string {
  current ??= translator(readBundle());
  return current(key, ...args);
}

/** t() under the name the host uses (vscode.l10n.t), for code where `t` is a local name. */
export const l10n = { t };
