// Where a test run's CSV export writes in the Electron host: the system save dialog (save-dialog.ts), over
// Airlock's window, starting in the user's Downloads folder with a CSV filter. The renderer's testRun.export
// names a run, never a path.
import type { BrowserWindow } from 'electron';
import { chooseSavePath, type SaveDialogElectron } from './save-dialog';

export type TestRunExportSaveDialog = (suggestedName: string) => Promise<string | null>;

export function createTestRunExportSaveDialog(electron: SaveDialogElectron, parent: () => BrowserWindow | null): TestRunExportSaveDialog {
  return (suggestedName) => chooseSavePath(electron, parent, suggestedName, { title: 'Export test run', filter: { name: 'CSV', extensions: ['csv'] } });
}
