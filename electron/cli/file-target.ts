// A flag naming a file a command will write (--csv, --out): checked before anything starts, so a mistyped
// folder is a usage error (exit 2) up front, not a failure after a test run already sent its requests.
// Only the folder is checked (exists, is a folder, may be written); the file itself is made by the command.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { FlagCheck } from './cli-command';

export const newFileTarget: FlagCheck = (value) => {
  const target = path.resolve(value);
  try {
    if (statSync(target).isDirectory()) return 'names a folder; give a file name in it';
  } catch {
    // Not there yet: the usual case.
  }
  const folder = path.dirname(target);
  try {
    if (!statSync(folder).isDirectory()) return `must be in a folder, and ${folder} is not one`;
  } catch {
    return `must be in a folder that exists (${folder} does not)`;
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    return `must be in a folder you may write to (${folder} is not)`;
  }
  return null;
};
