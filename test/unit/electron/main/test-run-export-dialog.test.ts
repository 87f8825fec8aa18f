// Test-run export in Electron: main's save dialog chooses the CSV file (Downloads first, a CSV filter), over
// Airlock's window; the renderer's request names no path; a cancelled dialog is no file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { createTestRunExportSaveDialog } from '../../../../electron/main/test-run-export-dialog';

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

describe('test run export save dialog', () => {
  it("offers Downloads, the suggested name and a CSV filter over Airlock's window; returns the chosen file", async () => {
    const window = { id: 1 } as unknown as BrowserWindow;
    const { dialog, asked } = fakeDialog({ canceled: false, filePath: '/home/dana/Desktop/run.csv' });
    const choose = createTestRunExportSaveDialog({ dialog, app }, () => window);
    expect(await choose('airlock-test-run-credit-ep-20261204-101500.csv')).toBe('/home/dana/Desktop/run.csv');
    expect(asked[0]?.parent).toBe(window);
    expect(asked[0]?.options).toMatchObject({ title: 'Export test run', defaultPath: path.join('/home/dana/Downloads', 'airlock-test-run-credit-ep-20261204-101500.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] });
  });

  it('reports a cancelled dialog as no file', async () => {
    const { dialog } = fakeDialog({ canceled: true });
    expect(await createTestRunExportSaveDialog({ dialog, app }, () => null)('x.csv')).toBeNull();
  });
});
