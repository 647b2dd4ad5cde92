import * as vscode from 'vscode';

/** Fired when what the side view shows may have changed: panels opened, closed or focused, training progress. */
export const modelsChanged = new vscode.EventEmitter<void>();
