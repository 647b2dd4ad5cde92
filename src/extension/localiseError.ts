// UserErrors are worded in English where they arise (src/shared, src/data, src/store, src/engine: no vscode there,
// and the CLI prints them as they are). The ones people meet most in the editor are re-worded here in the display
// language by matching their shape; anything else is shown as it came. With no bundle (English) every template
// below gives back the message unchanged.
import * as vscode from 'vscode';

type Rewrite = [RegExp, (m: RegExpMatchArray) => string];

// the validator's rules (trainConfig.ts describe/readWord): "an integer ≥ 1", "a number from 0 to 0.9", "one of …"
const RULES: Rewrite[] = [
  [/^an integer ≥ (\S+)$/, (m) => vscode.l10n.t('an integer ≥ {0}', m[1])],
  [/^a number ≥ (\S+)$/, (m) => vscode.l10n.t('a number ≥ {0}', m[1])],
  [/^an integer > (\S+)$/, (m) => vscode.l10n.t('an integer > {0}', m[1])],
  [/^a number > (\S+)$/, (m) => vscode.l10n.t('a number > {0}', m[1])],
  [/^an integer > (\S+) and ≤ (\S+)$/, (m) => vscode.l10n.t('an integer > {0} and ≤ {1}', m[1], m[2])],
  [/^a number > (\S+) and ≤ (\S+)$/, (m) => vscode.l10n.t('a number > {0} and ≤ {1}', m[1], m[2])],
  [/^an integer from (\S+) to (\S+)$/, (m) => vscode.l10n.t('an integer from {0} to {1}', m[1], m[2])],
  [/^a number from (\S+) to (\S+)$/, (m) => vscode.l10n.t('a number from {0} to {1}', m[1], m[2])],
  [/^one of (.+)$/, (m) => vscode.l10n.t('one of {0}', m[1])],
  [/^a folder path \(text\)$/, () => vscode.l10n.t('a folder path (text)')],
];

// "<name> is <value>; it must be <rule>" and "<name> is missing", inside whichever frame the source adds
function problem(p: string): string {
  const bad = /^(.+?) is (.+); it must be (.+)$/s.exec(p);
  if (bad) return vscode.l10n.t('{0} is {1}; it must be {2}', bad[1], bad[2], rewrite(bad[3], RULES));
  const missing = /^(\S+) is missing$/.exec(p);
  if (missing) return vscode.l10n.t('{0} is missing', missing[1]);
  return p;
}

const MESSAGES: Rewrite[] = [
  [/^Setting (.+)\. Fix it in settings\.json\.$/s, (m) => vscode.l10n.t('Setting {0}. Fix it in settings.json.', problem(m[1]))],
  [/^(.+) is not a Latent Explorer model: (\S+) is missing\.$/, (m) => vscode.l10n.t('{0} is not a Latent Explorer model: {1} is missing.', m[1], m[2])],
  [/^Dataset not found: (.+) does not exist\.$/, (m) => vscode.l10n.t('Dataset not found: {0} does not exist.', m[1])],
  [/^The training set is empty: there is nothing to train on\.$/, () => vscode.l10n.t('The training set is empty: there is nothing to train on.')],
  [/^Training diverged: the validation −ELBO became (\S+) in epoch (\d+)\.$/, (m) => vscode.l10n.t('Training diverged: the validation −ELBO became {0} in epoch {1}.', m[1], m[2])],
  [/^Cannot read image (.+): (\S+)$/, (m) => vscode.l10n.t('Cannot read image {0}: {1}', m[1], m[2])],
  [/^Cannot use image (.+?): (.+)$/s, (m) => vscode.l10n.t('Cannot use image {0}: {1}', m[1], m[2])],
  [
    /^The training process ran out of memory and was stopped; the editor is unaffected and the last checkpoint is kept\. Train on fewer images \(the subset offer, or the limit option\) or a smaller model\.$/,
    () => vscode.l10n.t('The training process ran out of memory and was stopped; the editor is unaffected and the last checkpoint is kept. Train on fewer images (the subset offer, or the limit option) or a smaller model.'),
  ],
  [
    /^The model's job process ran out of memory and was stopped; the editor is unaffected, and the next request starts it again\. A dataset this large may need a smaller subset\.$/,
    () => vscode.l10n.t("The model's job process ran out of memory and was stopped; the editor is unaffected, and the next request starts it again. A dataset this large may need a smaller subset."),
  ],
  [
    /^(.+) is not empty and holds (.+); export into an empty folder or a previous ONNX export's folder\.$/,
    (m) => vscode.l10n.t("{0} is not empty and holds {1}; export into an empty folder or a previous ONNX export's folder.", m[1], m[2]),
  ],
  [
    /^(.+) is not empty and has no latent-explorer\.json of a previous export; export into an empty folder or a previous ONNX export's folder\.$/,
    (m) => vscode.l10n.t("{0} is not empty and has no latent-explorer.json of a previous export; export into an empty folder or a previous ONNX export's folder.", m[1]),
  ],
  // the customise boxes' refusals: the bare problem
  [/^(.+?) is (.+); it must be (.+)$/s, (m) => problem(m[0])],
];

function rewrite(text: string, rules: Rewrite[]): string {
  for (const [re, to] of rules) {
    const m = re.exec(text);
    if (m) return to(m);
  }
  return text;
}

/** A UserError's message in the display language when its shape is known; else as it is. */
export function localiseError(message: string): string {
  return rewrite(message, MESSAGES);
}
