// Where Settings → Export diagnostics writes in the Electron host: the system save dialog, over Airlock's
// window, starting in the user's Downloads folder. The path is whatever the user picked in main's own dialog;
// the renderer never names one (its request carries nothing).
import path from 'node:path';
import type { App, BrowserWindow, Dialog, SaveDialogOptions } from 'electron';

export type DiagnosticsSaveDialog = (suggestedName: string) => Promise<string | null>;

export function createDiagnosticsSaveDialog(electron: { dialog: Pick<Dialog, 'showSaveDialog'>; app: Pick<App, 'getPath'> }, parent: () => BrowserWindow | null): DiagnosticsSaveDialog {
  return async (suggestedName) => {
    const options: SaveDialogOptions = {
      title: 'Export diagnostics',
      buttonLabel: 'Export',
      defaultPath: path.join(electron.app.getPath('downloads'), suggestedName),
      filters: [{ name: 'Diagnostics (JSON)', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = parent();
    const result = window ? await electron.dialog.showSaveDialog(window, options) : await electron.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
