// The system save dialog as Airlock's file exports use it: over Airlock's window (free-standing if none), in
// the user's Downloads folder, with one file-type filter, confirming an overwrite. Answers the chosen path,
// or null when the user cancelled. The path is always the user's pick in main's own dialog, never the renderer's.
import path from 'node:path';
import type { App, BrowserWindow, Dialog, SaveDialogOptions } from 'electron';

export interface SaveDialogElectron {
  readonly dialog: Pick<Dialog, 'showSaveDialog'>;
  readonly app: Pick<App, 'getPath'>;
}

export interface SaveDialogKind {
  readonly title: string;
  readonly filter: { readonly name: string; readonly extensions: readonly string[] };
}

export async function chooseSavePath(electron: SaveDialogElectron, parent: () => BrowserWindow | null, suggestedName: string, kind: SaveDialogKind): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: kind.title,
    buttonLabel: 'Export',
    defaultPath: path.join(electron.app.getPath('downloads'), suggestedName),
    filters: [{ name: kind.filter.name, extensions: [...kind.filter.extensions] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const window = parent();
  const result = window ? await electron.dialog.showSaveDialog(window, options) : await electron.dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}
