// What every command handler gets (the extension's URI and output channel), how a command reports an error, and
// the folder picker they share: in a module of their own so that command modules can use them without importing
// commands.ts, which imports them (an import cycle).
import * as vscode from 'vscode';
import { isUserError } from '../shared/userError';
import { localiseError } from './localiseError';

export interface CommandContext {
  extensionUri: vscode.Uri;
  output: vscode.OutputChannel;
}

/** Shows a UserError as a message; anything else is a bug: its stack goes to the output channel. */
export function reportError(ctx: CommandContext, err: unknown): void {
  if (isUserError(err)) {
    void vscode.window.showErrorMessage(localiseError(err.message));
    return;
  }
  ctx.output.appendLine(`[error] ${(err as Error)?.stack ?? String(err)}`);
  const show = vscode.l10n.t('Show Output');
  void vscode.window.showErrorMessage(vscode.l10n.t('Latent Explorer failed: {0} (details in the Latent Explorer output)', (err as Error)?.message ?? String(err)), show).then((choice) => {
    if (choice) ctx.output.show();
  });
}

export async function pickFolder(title: string, defaultUri?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title, defaultUri, openLabel: vscode.l10n.t('Select') });
  return picked?.[0];
}
