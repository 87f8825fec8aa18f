// Settings → Export diagnostics, through the composition root and the gateway: a file main writes where its
// port says (the renderer names no path), holding versions, platform, environment names, health, the sign-in
// and token-storage state in plain words, and recent log lines through the redactor — never a token, key
// or password, in any form a log line could carry one.
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAirlock, createMemoryKeychain } from '../../../../../electron/services';
import { DiagnosticsExport } from '../../../../../shared/contract/schemas/diagnostics';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';

const MAIN = { url: 'app://bundle/index.html', isMainFrame: true };
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.c2lnbmF0dXJlUExBTlRFRDE';
const REFRESH = `0.AAAA${'PLANTEDREFRESH'.repeat(4)}`;

function airlockWith(chooseTarget?: (name: string) => Promise<string | null>) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'airlock-diag-'));
  const airlock = createAirlock(
    { runtime: { version: '1.4.2', build: 'production', runtime: 'electron', platform: 'linux', arch: 'x64' } },
    {
      clock: fixedClock(),
      logger: capturingLogger(),
      identity: { openBrowser: async () => undefined, keychain: createMemoryKeychain(), userDataDir },
      ...(chooseTarget ? { diagnosticsTarget: chooseTarget } : {}),
    },
  );
  return { airlock, userDataDir, gateway: airlock.gateway('electron', APP_ORIGIN) };
}

describe('diagnostics export', () => {
  it('writes the file in main, by default under userData/diagnostics, and says where and what it holds', async () => {
    const { airlock, gateway, userDataDir } = airlockWith();
    airlock.ports.logger.log('info', 'test.planted', { header: `Bearer ${JWT}`, query: `grant_type=refresh_token&refresh_token=${REFRESH}`, password: 'password=hunter2planted', refresh_token: 'PLANTEDSHORT' });
    const result = await gateway.call('app.exportDiagnostics', undefined, MAIN);
    expect(result.ok).toBe(true);
    const value = DiagnosticsExport.parse((result as { value: unknown }).value);
    expect(value.saved).toBe(true);
    expect(path.dirname(value.path ?? '')).toBe(path.join(userDataDir, 'diagnostics'));
    expect(value.contains.join(' ')).toMatch(/version/i);
    const text = await readFile(value.path ?? '', 'utf8');
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report).toMatchObject({
      app: { version: '1.4.2', build: 'production', runtime: 'electron' },
      platform: { os: 'linux', arch: 'x64' },
      health: { status: 'ok' },
      session: { signedInAccounts: 0 },
    });
    expect(JSON.stringify(report['environments'])).toContain('Azure (public)');
    expect(JSON.stringify(report['log'])).toContain('test.planted');
    for (const secret of [JWT, REFRESH, 'PLANTEDREFRESH', 'hunter2planted', 'PLANTEDSHORT']) expect(text).not.toContain(secret);
    await airlock.dispose();
  });

  it('asks the host where to save, and reports a cancelled choice as not saved', async () => {
    const chosen: string[] = [];
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'airlock-diag-chosen-')), 'support.json');
    const { airlock, gateway } = airlockWith(async (name) => {
      chosen.push(name);
      return chosen.length === 1 ? target : null;
    });
    expect(await gateway.call('app.exportDiagnostics', undefined, MAIN)).toMatchObject({ ok: true, value: { saved: true, path: target } });
    expect(chosen[0]).toMatch(/^airlock-diagnostics-.*\.json$/);
    expect(JSON.parse(await readFile(target, 'utf8'))).toHaveProperty('health');
    expect(await gateway.call('app.exportDiagnostics', undefined, MAIN)).toEqual({ ok: true, value: { saved: false, path: null, contains: [] } });
    await airlock.dispose();
  });

  it('takes no path from the renderer', async () => {
    const { airlock, gateway } = airlockWith();
    expect(await gateway.call('app.exportDiagnostics', { path: '/etc/passwd' }, MAIN)).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
    await airlock.dispose();
  });

  it('says plainly when the file cannot be written', async () => {
    const { airlock, gateway } = airlockWith(async () => path.join('/proc', 'no-such-dir', 'x.json'));
    expect(await gateway.call('app.exportDiagnostics', undefined, MAIN)).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE', message: expect.stringMatching(/diagnostics file/) as unknown } });
    await airlock.dispose();
  });
});
