// Audit export in Electron: main's save dialog chooses the file (Downloads first, a filter for the chosen
// format), over Airlock's window; the renderer's request names no path.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { createAuditExportSaveDialog } from '../../../../electron/main/audit-export-dialog';

function fakeDialog(answer: { canceled: boolean; filePath?: string }) {
  const asked: Array<{ parent: unknown; options: SaveDialogOptions }> = [];
  const dialog = {
    showSaveDialog: (async (...args: unknown[]) => {
      const [parent, options] = args.length === 2 ? args : [null, args[0]];
      asked.push({ parent, options: options as SaveDialogOptions });
      return { canceled: answer.canceled, filePath: answer.filePath ?? '' };
    }) as never,
  };
  return { dialog, asked };
}

const app = { getPath: (name: string) => (name === 'downloads' ? '/home/dana/Downloads' : '/tmp') } as never;

describe('audit export save dialog', () => {
  it("offers Downloads, the suggested name and the format's filter over Airlock's window; returns the chosen file", async () => {
    const window = { id: 1 } as unknown as BrowserWindow;
    const { dialog, asked } = fakeDialog({ canceled: false, filePath: '/home/dana/Desktop/audit.csv' });
    const choose = createAuditExportSaveDialog({ dialog, app }, () => window);
    expect(await choose('airlock-audit-20261203-190000.csv', 'csv')).toBe('/home/dana/Desktop/audit.csv');
    expect(asked[0]?.parent).toBe(window);
    expect(asked[0]?.options).toMatchObject({ title: 'Export audit records', defaultPath: path.join('/home/dana/Downloads', 'airlock-audit-20261203-190000.csv'), filters: [{ extensions: ['csv'] }] });
  });

  it('reports a cancelled dialog as no file', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    expect(await createAuditExportSaveDialog({ dialog, app }, () => null)('x.jsonl', 'jsonl')).toBeNull();
  });
});
