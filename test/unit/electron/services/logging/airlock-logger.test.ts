// The composition root redacts every log line, whatever logger the host hands it (stderr in the CLI and
// Electron, a capturing one in tests): a field named like a secret reaches the host's logger only as
// [redacted], and secret-shaped text in any field is scrubbed.
import { describe, expect, it } from 'vitest';
import { capturingLogger, testAirlock } from '../../../../support/test-airlock';

describe('the composition root’s logger', () => {
  it('hands the host’s logger redacted fields only', async () => {
    const host = capturingLogger();
    const airlock = testAirlock({ logger: host });
    airlock.ports.logger.log('warn', 'host.note', { refresh_token: 'rT9x-Q2', detail: '{"password":"hunter2!"}', code: 'E_TIMEOUT' });
    await airlock.dispose();
    const text = JSON.stringify(host.entries);
    expect(text).not.toContain('rT9x-Q2');
    expect(text).not.toContain('hunter2!');
    expect(host.entries.find((e) => e.event === 'host.note')?.fields).toMatchObject({ refresh_token: '[redacted]', code: 'E_TIMEOUT' });
  });
});
