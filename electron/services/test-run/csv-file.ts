// Writes an export file whole or not at all: a side file (owner-only) renamed into place once written, so a
// failed export leaves nothing half-written under the chosen name.
import { rename, rm, writeFile } from 'node:fs/promises';
import { AirlockError } from '../../../shared/errors/airlock-error';

export async function writeWhole(file: string, text: string): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, text, { encoding: 'utf8', mode: 0o600 });
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
    throw new AirlockError('E_UNAVAILABLE', {
      message: 'Airlock could not write the test run export file.',
      hint: 'Check that the folder exists, that you can write to it and that the disk has free space, then export again.',
    });
  }
}
