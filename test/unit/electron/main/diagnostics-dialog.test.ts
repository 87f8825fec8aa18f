// Export diagnostics in Electron: main's save dialog chooses the file (Downloads first), over Airlock's window.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { createDiagnosticsSaveDialog } from '../../../../electron/main/diagnostics-dialog';

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

describe('diagnostics save dialog', () => {
  it("offers Downloads and the suggested name over Airlock's window, and returns the chosen file", async () => {
    const window = { id: 1 } as unknown as BrowserWindow;
    const { dialog, asked } = fakeDialog({ canceled: false, filePath: '/home/dana/Desktop/support.json' });
    const choose = createDiagnosticsSaveDialog({ dialog, app }, () => window);
    expect(await choose('airlock-diagnostics-20261123-120000.json')).toBe('/home/dana/Desktop/support.json');
    expect(asked[0]?.parent).toBe(window);
    expect(asked[0]?.options.defaultPath).toBe(path.join('/home/dana/Downloads', 'airlock-diagnostics-20261123-120000.json'));
  });

  it('reports a cancelled dialog as no file', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    expect(await createDiagnosticsSaveDialog({ dialog, app }, () => null)('x.json')).toBeNull();
  });
});
