// No handler is reachable around the guard: the composition root hands hosts only guarded doors, the
// handlers object never leaves it, a gateway cannot be built without a guard, and the hosts (Electron main,
// the Chromium host, the CLI) reach the services only through those doors — checked over their source.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../../../../electron/services/gateway';
import { silentLogger, APP_ORIGIN } from '../../../../../electron/services';
import { ROOT } from '../../../../../scripts/build';
import { testAirlock } from '../../../../support/test-airlock';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('no handler around the guard', () => {
  it('the composed Airlock exposes guarded doors, not its handlers', async () => {
    const airlock = testAirlock();
    expect(Object.keys(airlock).sort()).toEqual(['dispose', 'events', 'gateway', 'inProcess', 'ports', 'services']);
    // The push channel's source is subscribe-only for hosts: no way to emit, let alone call a handler, through it.
    expect(Object.keys(airlock.events).sort()).toEqual(['subscribe']);
    expect(JSON.stringify(Object.keys(airlock.services))).not.toMatch(/handlers/);
    await airlock.dispose();
  });

  it('a gateway cannot be made without a guard', () => {
    // @ts-expect-error: guard is required
    const make = () => createGateway({ handlers: {} as never, logger: silentLogger, host: 'test', trustedOrigin: APP_ORIGIN });
    expect(typeof make).toBe('function');
  });

  it('only the composition root and the gateway build doors or hold the handlers', () => {
    const allowed = /^electron\/services\/(composition|gateway)\//;
    const offenders = sources('electron').filter((f) => !allowed.test(f) && /\b(ServiceHandlers|createGateway|createInProcessGateway|replaceHandlers)\b/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('the hosts reach the services only through the doors (never airlock.services, never a handler)', () => {
    const hosts = [...sources('electron/main'), ...sources('electron/preview'), ...sources('electron/cli')];
    expect(hosts.length).toBeGreaterThan(10);
    const offenders = hosts.filter((f) => /\.services\.|\.handlers\b/.test(read(f)));
    expect(offenders).toEqual([]);
    // Each host asks for its own door by name.
    expect(read('electron/main/main.ts')).toMatch(/airlock\.gateway\('electron', APP_ORIGIN\)/);
    expect(read('electron/preview/chromium-host.ts')).toMatch(/airlock\.gateway\('preview', HOST_ORIGIN\)/);
    expect(read('electron/cli/main.ts')).toMatch(/airlock\.inProcess\('cli'\)/);
  });
});
