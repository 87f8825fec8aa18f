import { describe, expect, it } from 'vitest';
import { createAppService } from '../../../../../electron/services/app';
import { createEnvironmentsService } from '../../../../../electron/services/environments';
import { AppHealth, AppInfo } from '../../../../../shared/contract/schemas/app';
import { fixedClock } from '../../../../support/test-airlock';

const facts = { version: '1.2.3', build: 'production', runtime: 'electron', platform: 'linux', arch: 'arm64' } as const;

describe('app service', () => {
  it('reports version, platform and the built-in environments', async () => {
    const info = await createAppService(facts, createEnvironmentsService(), fixedClock()).info();
    expect(AppInfo.parse(info)).toEqual(info);
    expect(info).toMatchObject({ name: 'Airlock', version: '1.2.3', platform: 'linux', arch: 'arm64', build: 'production' });
    expect(info.environments.map((e) => e.id)).toEqual(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
  });

  it('maps platforms it does not know to "other"', async () => {
    const info = await createAppService({ ...facts, platform: 'aix' }, createEnvironmentsService(), fixedClock()).info();
    expect(info.platform).toBe('other');
  });

  it('reports health with uptime from the monotonic clock', async () => {
    const clock = fixedClock('2026-01-02T03:04:05.000Z');
    const service = createAppService(facts, createEnvironmentsService(), clock);
    clock.advance(2500);
    const health = await service.health();
    expect(AppHealth.parse(health)).toEqual(health);
    expect(health).toMatchObject({ status: 'ok', uptimeSeconds: 2.5, checkedAt: '2026-01-02T03:04:07.500Z' });
  });
});
