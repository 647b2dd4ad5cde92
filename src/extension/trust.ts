// Workspace trust: in Restricted Mode reading data and viewing models works; anything that writes into the
// workspace asks first (package.json declares untrustedWorkspaces: limited).
import * as vscode from 'vscode';

/** true when the workspace is trusted, or the user agreed to this one write. */
export async function mayWrite(what: string, action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const go = await vscode.window.showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode. {0} Continue?', what), { modal: true }, action);
  return go === action;
}
