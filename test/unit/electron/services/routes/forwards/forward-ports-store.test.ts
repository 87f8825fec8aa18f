// The remembered local port per forward target: one small JSON file, written whole through rename with mode
// 0600, read back by the next session; a damaged file means "nothing remembered".
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createForwardPortsStore, FORWARD_PORTS_FILE } from '../../../../../../electron/services/routes/forwards/forward-ports-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-forward-ports-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('forward ports store', () => {
  it('remembers a port per target, case-insensitively by host, across stores', async () => {
    const store = createForwardPortsStore(path.join(dir, 'nested'));
    expect(await store.get('Ep.Example.Test:443')).toBeNull();
    await store.remember('Ep.Example.Test:443', 51234);
    await store.remember('other.example.test:443', 51235);
    const again = createForwardPortsStore(path.join(dir, 'nested'));
    expect(await again.get('ep.example.test:443')).toBe(51234);
    expect(await again.get('other.example.test:443')).toBe(51235);
  });

  it('writes the file with mode 0600 and leaves no temp file behind', async () => {
    const store = createForwardPortsStore(dir);
    await Promise.all([store.remember('a.test:443', 50001), store.remember('b.test:443', 50002)]);
    const file = path.join(dir, FORWARD_PORTS_FILE);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([FORWARD_PORTS_FILE]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, ports: { 'a.test:443': 50001, 'b.test:443': 50002 } });
  });

  it('reads a damaged file or a bad port as nothing remembered', async () => {
    const file = path.join(dir, FORWARD_PORTS_FILE);
    await writeFile(file, '{not json');
    expect(await createForwardPortsStore(dir).get('a.test:443')).toBeNull();
    await writeFile(file, JSON.stringify({ version: 1, ports: { 'a.test:443': 70000, 'b.test:443': 'x', 'c.test:443': 50003 } }));
    const store = createForwardPortsStore(dir);
    expect(await store.get('a.test:443')).toBeNull();
    expect(await store.get('b.test:443')).toBeNull();
    expect(await store.get('c.test:443')).toBe(50003);
  });
});
