// Where Settings → Export diagnostics writes in the Electron host: the system save dialog (save-dialog.ts),
// over Airlock's window, starting in the user's Downloads folder. The renderer never names a path (its
// request carries nothing).
import type { BrowserWindow } from 'electron';
import { chooseSavePath, type SaveDialogElectron } from './save-dialog';

export type DiagnosticsSaveDialog = (suggestedName: string) => Promise<string | null>;

export function createDiagnosticsSaveDialog(electron: SaveDialogElectron, parent: () => BrowserWindow | null): DiagnosticsSaveDialog {
  return (suggestedName) => chooseSavePath(electron, parent, suggestedName, { title: 'Export diagnostics', filter: { name: 'Diagnostics (JSON)', extensions: ['json'] } });
}
