// The Bastion token exchange and its teardown, against a fake HTTPS port: the form the CLI sends (no
// Authorization header), the tokens Bastion answers, refusals as E_BASTION_REFUSED with the status and
// Bastion's message cleaned of anything token-like, and DELETE where 404 means already gone.
import { describe, expect, it } from 'vitest';
import type { BastionHttpsRequest } from '../../../../../../electron/services/routes/bastion/bastion-https';
import { deleteTunnelTokens, requestTunnelTokens } from '../../../../../../electron/services/routes/bastion/bastion-tokens';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';

const DNS = 'bst-9d89d361-100e-4c01-b92d-466548c476dc.bastion.azure.com';
const VM = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jumpbox';
const AZTOKEN = 'eyJ0eXAiOiJKV1QifQ.PLANTEDAZTOKEN.sig';
const ISSUED = { authToken: 'PLANTEDAUTHTOKEN-1', username: '', dataSource: '', nodeId: 'node-7', availableDataSources: [], websocketToken: 'PLANTEDWSTOKEN-1' };

function bastion(status: number, body: unknown) {
  const seen: Array<{ dnsName: string; req: BastionHttpsRequest }> = [];
  return {
    seen,
    send: async (dnsName: string, req: BastionHttpsRequest) => {
      seen.push({ dnsName, req });
      return { status, text: typeof body === 'string' ? body : JSON.stringify(body) };
    },
  };
}

async function refusal(run: Promise<unknown>): Promise<AirlockError> {
  try {
    await run;
  } catch (thrown) {
    if (thrown instanceof AirlockError) return thrown;
    throw thrown;
  }
  throw new Error('expected a refusal');
}

const ask = (send: ReturnType<typeof bastion>['send']) => requestTunnelTokens(send, { dnsName: DNS, vmResourceId: VM, vmPort: 22, aztoken: AZTOKEN });

describe('requestTunnelTokens', () => {
  it('posts the CLI form without an Authorization header and keeps the three tokens', async () => {
    const fake = bastion(200, ISSUED);
    await expect(ask(fake.send)).resolves.toEqual({ authToken: 'PLANTEDAUTHTOKEN-1', nodeId: 'node-7', websocketToken: 'PLANTEDWSTOKEN-1' });
    expect(fake.seen).toHaveLength(1);
    const { dnsName, req } = fake.seen[0]!;
    expect(dnsName).toBe(DNS);
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/api/tokens');
    expect(req.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ resourceId: VM, protocol: 'tcptunnel', workloadHostPort: '22', aztoken: AZTOKEN });
  });

  it.each([401, 403, 500, 502, 503])('turns %i into E_BASTION_REFUSED with the status and Bastion’s words, cleaned', async (status) => {
    const fake = bastion(status, { message: `Access denied\u0007 for token ${AZTOKEN} session PLANTEDAUTHTOKEN-9f8e7d6c5b4a39281706f5e4d3c2b1a0 please check` });
    const error = await refusal(ask(fake.send));
    expect(error.code).toBe('E_BASTION_REFUSED');
    expect(error.details).toEqual({ status, host: DNS });
    expect(error.message).toContain(String(status));
    expect(error.message).toContain('Access denied');
    expect(error.message).not.toContain('\u0007');
    expect(JSON.stringify(error.toShape())).not.toMatch(/PLANTED|eyJ/);
    expect(error.retryable).toBe(status >= 500);
  });

  it('refuses without Bastion’s words when it sends none, and caps long words', async () => {
    expect((await refusal(ask(bastion(403, '<html>nope</html>').send))).message).not.toContain('html');
    const long = await refusal(ask(bastion(403, { message: 'x '.repeat(500) }).send));
    expect(long.message.length).toBeLessThan(400);
  });

  it('refuses an answer without the tokens as unreadable', async () => {
    const error = await refusal(ask(bastion(200, { authToken: 'a' }).send));
    expect(error.code).toBe('E_UNAVAILABLE');
  });
});

describe('deleteTunnelTokens', () => {
  const tokens = { authToken: 'PLANTED/AUTH+TOKEN', nodeId: 'node 7', websocketToken: 'w' };

  it('deletes the session with X-Node-Id (the token escaped into the path)', async () => {
    const fake = bastion(204, '');
    await expect(deleteTunnelTokens(fake.send, DNS, tokens)).resolves.toBe('deleted');
    expect(fake.seen[0]?.req).toMatchObject({ method: 'DELETE', path: '/api/tokens/PLANTED%2FAUTH%2BTOKEN', headers: { 'X-Node-Id': 'node 7' } });
    expect(fake.seen[0]?.req.body).toBeUndefined();
  });

  it('takes 200 as deleted and 404 as already gone', async () => {
    await expect(deleteTunnelTokens(bastion(200, '').send, DNS, tokens)).resolves.toBe('deleted');
    await expect(deleteTunnelTokens(bastion(404, { message: 'Session already deleted.' }).send, DNS, tokens)).resolves.toBe('already-gone');
  });

  it('refuses anything else typed', async () => {
    const error = await refusal(deleteTunnelTokens(bastion(500, { message: 'boom' }).send, DNS, tokens));
    expect(error.code).toBe('E_BASTION_REFUSED');
    expect(error.details).toMatchObject({ status: 500 });
  });
});
