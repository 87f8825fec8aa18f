// main gives createAirlock the control plane's HTTP port over Chromium's network stack: a dedicated in-memory
// session (its own verify proc, no cookies shared with the window's session, permissions denied like every
// session), fetched with redirect manual.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AirlockPorts } from '../../../../electron/services';
import { fake, FakeBrowserWindow } from '../../../support/fake-electron';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const given: AirlockPorts[] = [];
vi.mock('../../../../electron/services', async (importOriginal) => {
  const services = await importOriginal<typeof import('../../../../electron/services')>();
  return { ...services, createAirlock: (config: Parameters<typeof services.createAirlock>[0], ports: AirlockPorts) => (given.push(ports), services.createAirlock(config, ports)) };
});
const { startShell } = await import('../../../../electron/main/main');

beforeAll(async () => {
  const renderer = await mkdtemp(path.join(tmpdir(), 'airlock-shell-http-'));
  await writeFile(path.join(renderer, 'index.html'), '<p>Airlock</p>');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  startShell({ preload: '/opt/airlock/preload.cjs', renderer });
  fake.fireReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
});

describe("main's control-plane HTTP port (fake electron)", () => {
  it('hands createAirlock a port that fetches through its own session with redirect manual', async () => {
    expect(given).toHaveLength(1);
    const http = given[0]!.http;
    expect(http).toBeDefined();
    // The environment's own in-memory partition (one per environment: its CA's verify proc is never shared).
    const controlPlane = fake.module.session.fromPartition('airlock-control-plane:AzureCloud');
    controlPlane.fetchImpl = async () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    const answer = await http!.forEnvironment({ id: 'AzureCloud', authorityHost: 'https://login.microsoftonline.com' })({ method: 'GET', url: 'https://management.azure.com/subscriptions?api-version=2022-12-01' });
    expect(answer).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(controlPlane.fetched.map((f) => f.init.redirect)).toEqual(['manual']);
    expect(fake.defaultSession.fetched).toEqual([]); // not the window's session
    expect(fake.partitions.get('airlock-control-plane:AzureCloud')).toBe(controlPlane);
  });

  it('denies every permission on that session too', () => {
    expect(fake.partitions.get('airlock-control-plane:AzureCloud')!.checkHandler?.({}, 'geolocation')).toBe(false);
  });
});
