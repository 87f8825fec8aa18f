// Where the Audit screen's Export writes in the Electron host: the system save dialog (save-dialog.ts), over
// Airlock's window, starting in the user's Downloads folder with a filter for the chosen format. The renderer
// never names a path (its request carries a format and a filter only).
import type { BrowserWindow } from 'electron';
import type { AuditExportFormat } from '../../shared/contract/schemas/audit';
import { chooseSavePath, type SaveDialogElectron } from './save-dialog';

export type AuditExportSaveDialog = (suggestedName: string, format: AuditExportFormat) => Promise<string | null>;

const FILTERS: Readonly<Record<AuditExportFormat, { name: string; extensions: string[] }>> = {
  jsonl: { name: 'JSON Lines', extensions: ['jsonl'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  cef: { name: 'CEF (ArcSight Common Event Format)', extensions: ['cef'] },
  ocsf: { name: 'OCSF events (JSON Lines)', extensions: ['jsonl'] },
};

export function createAuditExportSaveDialog(electron: SaveDialogElectron, parent: () => BrowserWindow | null): AuditExportSaveDialog {
  return (suggestedName, format) => chooseSavePath(electron, parent, suggestedName, { title: 'Export audit records', filter: FILTERS[format] });
}
