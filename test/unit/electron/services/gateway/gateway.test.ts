import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, type CallerFrame } from '../../../../../electron/services';
import type { HandlerReplacements, ServiceHandlers } from '../../../../../electron/services/gateway';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { capturingLogger, testAirlock, through } from '../../../../support/test-airlock';

const MAIN: CallerFrame = { url: 'app://bundle/index.html', isMainFrame: true };

function gatewayWith(replacements?: HandlerReplacements) {
  const logger = capturingLogger();
  const gateway = testAirlock({ logger, ...(replacements ? { replacements } : {}) }).gateway('test', APP_ORIGIN);
  return { gateway, logger };
}

function withApp(app: Partial<ServiceHandlers['app']>): HandlerReplacements {
  return { app };
}

describe('gateway', () => {
  it('runs a valid call and returns the validated value', async () => {
    const { gateway } = gatewayWith();
    const result = await gateway.call('app.info', undefined, MAIN);
    expect(result).toMatchObject({ ok: true, value: { name: 'Airlock', version: '0.1.0', runtime: 'node' } });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app', 'app.', '.info', 'app.info.x', 'APP.INFO', '', 42, null, {}, ['app.info']])(
    'rejects channel %j as unknown',
    async (channel) => {
      const { gateway } = gatewayWith();
      expect(await gateway.call(channel, undefined, MAIN)).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL', retryable: false } });
    },
  );

  it('checks the sender before anything else', async () => {
    const { gateway } = gatewayWith();
    expect(await gateway.call('no.such', undefined, { url: 'https://evil.example/', isMainFrame: true })).toMatchObject({
      ok: false,
      error: { code: 'E_FORBIDDEN_SENDER' },
    });
  });

  it('rejects a payload that does not match the schema with E_BAD_REQUEST', async () => {
    const { gateway } = gatewayWith();
    for (const payload of [{}, null, 'x', 0, [], { __proto__: { polluted: true } }]) {
      expect(await gateway.call('app.info', payload, MAIN)).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
    }
  });

  it('passes typed service errors through with their words', async () => {
    const { gateway } = gatewayWith(withApp({ health: async () => Promise.reject(new AirlockError('E_UNAVAILABLE', { details: { reason: 'ECONNREFUSED' } })) }));
    expect(await gateway.call('app.health', undefined, MAIN)).toEqual({
      ok: false,
      error: {
        code: 'E_UNAVAILABLE',
        message: 'A service Airlock needs is not reachable right now.',
        hint: 'Check your network or VPN connection, then try again.',
        retryable: true,
        details: { reason: 'ECONNREFUSED' },
      },
    });
  });

  it('turns an unexpected exception into E_INTERNAL without its message, stack or any secret', async () => {
    const secret = 'eyJhbGciOi.SECRET-TOKEN-PLANTED.sig';
    const { gateway, logger } = gatewayWith(withApp({ info: async () => Promise.reject(new TypeError(`boom with ${secret}`)) }));
    const result = await gateway.call('app.info', undefined, MAIN);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(result)).not.toMatch(/TypeError|at .*\.ts/);
    expect(JSON.stringify(logger.entries)).not.toContain(secret);
    expect(logger.entries.at(-1)).toMatchObject({ level: 'error', event: 'ipc.failed', fields: { channel: 'app.info', code: 'E_INTERNAL', kind: 'TypeError' } });
  });

  it('refuses to return a value that breaks the response schema (for example an extra field)', async () => {
    const info = await through(testAirlock()).app.info();
    const leaky = withApp({ info: async () => ({ ...info, accessToken: 'PLANTED' }) as never });
    const { gateway } = gatewayWith(leaky);
    const result = await gateway.call('app.info', undefined, MAIN);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('PLANTED');
  });

  it('never logs payload values or keys, only zod issue codes and path depths', async () => {
    const { gateway, logger } = gatewayWith();
    await gateway.call('app.info', { 'Bearer eyJ-PLANTED': 'hunter2-PLANTED' }, MAIN);
    expect(JSON.stringify(logger.entries)).not.toContain('PLANTED');
    expect(logger.entries.at(-1)).toEqual({ level: 'warn', event: 'ipc.bad_request', fields: { channel: 'app.info', issues: 'invalid_type@0' } });
  });

  it('turns an error code the channel does not declare into E_INTERNAL', async () => {
    const { gateway, logger } = gatewayWith(withApp({ info: async () => Promise.reject(new AirlockError('E_NOT_PRIVATE')) }));
    expect(await gateway.call('app.info', undefined, MAIN)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(logger.entries.map((e) => e.event)).toContain('ipc.undeclared_error');
  });

  it('turns an error whose words break the bounds into E_INTERNAL', async () => {
    const long = `hint ${'PLANTED '.repeat(100)}`;
    const { gateway } = gatewayWith(withApp({ health: async () => Promise.reject(new AirlockError('E_UNAVAILABLE', { hint: long })) }));
    const result = await gateway.call('app.health', undefined, MAIN);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('PLANTED');
  });

  it("holds details to the code's schema: an undeclared key, or a step-up without its id, leaves as E_INTERNAL", async () => {
    const planted = 'eyJhbGciOi.PLANTED-DETAIL.sig';
    const stepUp = { stepUpId: '3b241101-e2bb-4255-8caf-4136c566a962', resource: 'Azure Resource Manager', reason: 'claims-challenge', account: 'alice@contoso.test' };
    const odd: Array<Record<string, string>> = [
      { reason: 'ECONNREFUSED', token: planted }, // a key E_UNAVAILABLE does not declare
    ];
    for (const details of odd) {
      const { gateway, logger } = gatewayWith(withApp({ health: async () => Promise.reject(new AirlockError('E_UNAVAILABLE', { details })) }));
      const result = await gateway.call('app.health', undefined, MAIN);
      expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
      expect(JSON.stringify(result)).not.toContain('PLANTED');
      expect(logger.entries.map((e) => e.event)).toContain('ipc.undeclared_details');
    }
    const failingList = (details: Record<string, string>): HandlerReplacements => ({
      workspace: { list: async () => Promise.reject(new AirlockError('E_STEP_UP_REQUIRED', { details } as never)) },
    });
    for (const details of [{ reason: 'interaction_required' }, { ...stepUp, stepUpId: 'not-a-uuid' }, { ...stepUp, claims: planted }]) {
      const { gateway } = gatewayWith(failingList(details));
      const result = await gateway.call('workspace.list', undefined, MAIN);
      expect(result).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
      expect(JSON.stringify(result)).not.toContain('PLANTED');
    }
    const { gateway } = gatewayWith(failingList(stepUp));
    expect(await gateway.call('workspace.list', undefined, MAIN)).toMatchObject({ ok: false, error: { code: 'E_STEP_UP_REQUIRED', details: stepUp } });
  });

  it('a code or host detail that is not shaped like one (spaces, a JWT, a path) leaves as E_INTERNAL', async () => {
    const jwtLike = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEIn0.c2ln';
    const odd: Array<Record<string, string | number>> = [
      { status: 403, armCode: 'Auth failed PLANTED words' },
      { status: 403, armCode: jwtLike },
      { reason: 'connect ECONNREFUSED PLANTED' },
      { host: 'arm.test/PLANTED?x=1' },
      { host: 'two words PLANTED' },
    ];
    for (const details of odd) {
      const { gateway, logger } = gatewayWith(withApp({ health: async () => Promise.reject(new AirlockError('E_UNAVAILABLE', { details })) }));
      const result = await gateway.call('app.health', undefined, MAIN);
      expect(result, JSON.stringify(details)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
      expect(JSON.stringify(result)).not.toMatch(/PLANTED|eyJ/);
      expect(logger.entries.map((e) => e.event)).toContain('ipc.undeclared_details');
    }
    const fine = { status: 503, armCode: 'ServiceUnavailable', reason: 'ERR_TLS_CERT_ALTNAME_INVALID', host: 'management.usgovcloudapi.net:443' };
    const { gateway } = gatewayWith(withApp({ health: async () => Promise.reject(new AirlockError('E_UNAVAILABLE', { details: fine })) }));
    expect(await gateway.call('app.health', undefined, MAIN)).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE', details: fine } });
  });
});
