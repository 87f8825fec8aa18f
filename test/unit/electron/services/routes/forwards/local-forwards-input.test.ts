// What forward.open refuses before binding anything: a target that is not a host name and port, or a local
// port outside 0–65535. Nothing listens and nothing is remembered for a refused request.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalForwards, type RouteConnection } from '../../../../../../electron/services/routes';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-forward-input-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const unused = (): RouteConnection => {
  throw new Error('no socket should reach the route');
};

describe('local forward input', () => {
  it.each([
    [{ host: 'ep.example.test:443', port: 443 }, 0],
    [{ host: '', port: 443 }, 0],
    [{ host: 'ep.example.test', port: 0 }, 0],
    [{ host: 'ep.example.test', port: 65536 }, 0],
    [{ host: 'ep.example.test', port: 443 }, -1],
    [{ host: 'ep.example.test', port: 443 }, 70000],
    [{ host: 'ep.example.test', port: 443 }, 1.5],
  ])('refuses target %j with local port %d as E_BAD_REQUEST, binding nothing', async (target, localPort) => {
    const forwards = createLocalForwards({ stateDir: dir });
    await expect(forwards.open({ target, via: 'vpn', connection: unused, localPort })).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect(forwards.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
