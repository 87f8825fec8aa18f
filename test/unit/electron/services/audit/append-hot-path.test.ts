// The append path's cheap forms give exactly what the plain ones give: the canonical body (the bytes the
// chain hashes) as JSON.stringify of the ordered object, and a scrubbed event the same whether its free text was seen before or not (a value redaction changed is never
// remembered, so a secret does not outlive its event in a cache).
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../../electron/services/audit';
import { canonicalBody, type Sealed } from '../../../../../electron/services/audit/canonical';
import { scrubEvent } from '../../../../../electron/services/audit/event-scrub';

const ORDER = ['kind', 'correlationId', 'action', 'resource', 'accountId', 'username', 'tenantId', 'environmentId', 'decision', 'rule', 'reason', 'outcome', 'errorCode', 'durationMs', 'route', 'host', 'addresses', 'payload'] as const;

function reference(prev: string, sealed: Sealed): string {
  const ordered: Record<string, unknown> = { prev, seq: sealed.seq, epoch: sealed.epoch, time: sealed.time };
  for (const key of ORDER) if (sealed.event[key] !== undefined) ordered[key] = sealed.event[key];
  return JSON.stringify(ordered);
}

const base: AuditEvent = { kind: 'decision', correlationId: 'c-1', action: 'workspace.models', resource: 'workspace:ws-1', accountId: 'acc-1', username: 'alice@contoso.example', tenantId: 't', environmentId: 'sandbox' };
const events: AuditEvent[] = [
  base,
  { ...base, accountId: null, username: null, tenantId: null, environmentId: null },
  { ...base, decision: 'deny', rule: null, reason: 'Policy “x” says \\no\\ "here"\n\u2028 ünïcödé 🙂' },
  { ...base, rule: 'browse', reason: 'ok', decision: 'allow', route: 'vpn', host: 'electron', addresses: ['10.0.0.1', 'fe80::1'] },
  { ...base, kind: 'outcome', outcome: 'error', errorCode: 'E_TIMEOUT', durationMs: 12.5, addresses: [] },
  { ...base, kind: 'outcome', outcome: 'ok', durationMs: 0, payload: { sha256: 'a'.repeat(64), bytes: 17 } },
];

describe('append hot path', () => {
  it('builds the canonical body byte for byte as JSON.stringify of the ordered record', () => {
    for (const [i, event] of events.entries()) {
      const sealed = { seq: 1e6 + i, epoch: i, time: '2026-12-03T19:00:00.000Z', event };
      expect(canonicalBody('AAAA+/==', sealed)).toBe(reference('AAAA+/==', sealed));
    }
  });

  it('scrubs the same on a second sighting of a value, and never passes a redacted value unredacted', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    const clean = { ...base, reason: 'Policy browse allows it' };
    expect(scrubEvent(clean)).toEqual(scrubEvent({ ...clean }));
    const secret = { ...base, reason: `token ${jwt}` };
    for (let i = 0; i < 3; i++) expect(JSON.stringify(scrubEvent(secret))).not.toContain(jwt);
    expect(scrubEvent({ ...base, extra: 1 })).toBeNull();
  });
});
