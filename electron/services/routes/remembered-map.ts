// A small remembered map in one JSON file (`{version: 1, <field>: {key: value}}`) under a folder main gives:
// read whole (a missing or damaged file, or a value that is not what the owner expects, reads as nothing
// remembered), written whole through a temp file and rename with mode 0600, one write at a time so two
// entries added together cannot lose each other. Used by the known-hosts and forward-ports stores. `isKey`, when
// given, drops entries whose key the owner no longer writes (read as not remembered, gone at the next write).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface RememberedMap<V> {
  read(): Promise<Record<string, V>>;
  set(key: string, value: V): Promise<void>;
}

export function createRememberedMap<V>(dir: string, fileName: string, field: string, isValue: (value: unknown) => value is V, isKey: (key: string) => boolean = () => true): RememberedMap<V> {
  const file = path.join(dir, fileName);
  let writing: Promise<void> = Promise.resolve();
  let temps = 0;

  const read = async (): Promise<Record<string, V>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = JSON.parse(text) as { version?: unknown } & Record<string, unknown>;
      const entries = parsed[field];
      if (parsed.version !== 1 || typeof entries !== 'object' || entries === null) return {};
      const map: Record<string, V> = {};
      for (const [key, value] of Object.entries(entries)) if (isKey(key) && isValue(value)) map[key] = value;
      return map;
    } catch {
      return {};
    }
  };

  return {
    read,
    set(key, value) {
      const next = writing.then(async () => {
        const body = { version: 1, [field]: { ...(await read()), [key]: value } };
        await mkdir(dir, { recursive: true });
        const temp = `${file}.${process.pid}.${++temps}.tmp`;
        await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
        await chmod(temp, 0o600);
        await rename(temp, file);
      });
      writing = next.catch(() => undefined);
      return next;
    },
  };
}
