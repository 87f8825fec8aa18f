// Where the Audit screen's Export writes in the Electron host: the system save dialog, over Airlock's window,
// starting in the user's Downloads folder with a filter for the chosen format. The path is whatever the user
// picked in main's own dialog; the renderer never names one (its request carries a format and a filter only).
import path from 'node:path';
import type { App, BrowserWindow, Dialog, SaveDialogOptions } from 'electron';
import type { AuditExportFormat } from '../../shared/contract/schemas/audit';

export type AuditExportSaveDialog = (suggestedName: string, format: AuditExportFormat) => Promise<string | null>;

const FILTERS: Readonly<Record<AuditExportFormat, { name: string; extensions: string[] }>> = {
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  cef: { name: 'CEF (ArcSight Common Event Format)', extensions: ['cef'] },
  ocsf: { name: 'OCSF events (JSON Lines)', extensions: ['jsonl'] },
};

export function createAuditExportSaveDialog(electron: { dialog: Pick<Dialog, 'showSaveDialog'>; app: Pick<App, 'getPath'> }, parent: () => BrowserWindow | null): AuditExportSaveDialog {
  return async (suggestedName, format) => {
    const options: SaveDialogOptions = {
      title: 'Export audit records',
      buttonLabel: 'Export',
      defaultPath: path.join(electron.app.getPath('downloads'), suggestedName),
      filters: [FILTERS[format]],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = parent();
    const result = window ? await electron.dialog.showSaveDialog(window, options) : await electron.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
}
