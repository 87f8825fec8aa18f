// Watches a folder for changes (fs.watch), also while it does not exist yet: then its parent is watched for
// the folder to appear, and the watch moves into it. Callers debounce; this only says "look again".
// Never reads anything and never throws: a folder that cannot be watched is simply not watched.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export function watchFolder(folder: string, changed: () => void): () => void {
  let watcher: FSWatcher | undefined;
  let stopped = false;
  const parent = path.dirname(folder);
  const name = path.basename(folder);

  function close(): void {
    watcher?.close();
    watcher = undefined;
  }

  function open(): void {
    close();
    if (stopped) return;
    try {
      if (existsSync(folder)) {
        watcher = watch(folder, { persistent: false }, () => {
          changed();
          if (!existsSync(folder)) open();
        });
      } else {
        watcher = watch(parent, { persistent: false }, (_event, entry) => {
          if (entry !== name && entry !== null) return;
          if (existsSync(folder)) {
            changed();
            open();
          }
        });
      }
      watcher.on('error', () => {
        changed();
        setImmediate(open);
      });
    } catch {
      watcher = undefined;
    }
  }

  open();
  return () => {
    stopped = true;
    close();
  };
}
