// The jump host's key decides whether Airlock talks to it at all. Order: the environment's pinned fingerprint,
// else the one remembered after an earlier first use, else first-use trust — only when policy allows it and the
// user said yes to the fingerprint shown. Any other key is refused with both fingerprints. This must never
// accept a key nobody vouched for, and never be turned off.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { hostDetail } from '../../../../shared/errors/details';
import { sshFingerprint } from './host-key-fingerprint';
import type { HostKeyEvent, HostKeyPolicy } from './ssh-route-options';

export interface HostKeyCheck {
  readonly via: 'jump' | 'bastion';
  readonly host: string;
  readonly port: number;
  /** The raw public key blob the server presented. */
  readonly key: Buffer;
  readonly policy: HostKeyPolicy;
  readonly onEvent?: (event: HostKeyEvent) => void;
}

/** The detail schema's own test: a host it would refuse is left out rather than failing the gateway's check. */
const hostField = (host: string) => {
  const value = hostDetail(host);
  return value === undefined ? {} : { host: value };
};

/** Resolves with the event that trusted the key; rejects with E_HOST_KEY_CHANGED or E_HOST_KEY_UNKNOWN. */
export async function checkHostKey(check: HostKeyCheck): Promise<HostKeyEvent> {
  const { via, host, port, policy } = check;
  const presented = sshFingerprint(check.key);
  const base = { via, host, port, presented };
  const emit = (event: HostKeyEvent) => {
    check.onEvent?.(event);
    return event;
  };

  // A remembered key is one a person trusted on first use: once the policy forbids first use, only a pinned key counts.
  const expected = policy.pinned ?? (policy.allowFirstUse ? await policy.store.get(host, port) : null);
  if (expected !== null) {
    if (expected === presented) return emit({ kind: policy.pinned ? 'pinned-match' : 'remembered-match', ...base, expected });
    emit({ kind: 'changed', ...base, expected });
    throw new AirlockError('E_HOST_KEY_CHANGED', {
      message: `The jump host ${host}:${port} presented a different host key (${presented}) from the one Airlock expected (${expected}), so Airlock did not connect.`,
      details: { ...hostField(host), expected, presented },
    });
  }

  const unknown = (kind: 'unknown-refused' | 'first-use-declined', why: string) => {
    emit({ kind, ...base });
    return new AirlockError('E_HOST_KEY_UNKNOWN', {
      message: `Airlock does not know the jump host ${host}:${port} (its key is ${presented}) and ${why}, so it did not connect.`,
      // firstUse 'forbidden' stops the app and the CLI from offering Trust, which policy would refuse anyway.
      details: { ...hostField(host), presented, ...(policy.allowFirstUse ? {} : { firstUse: 'forbidden' as const }) },
    });
  };
  if (!policy.allowFirstUse) throw unknown('unknown-refused', 'your organization allows only pinned jump host keys');
  if (!policy.confirm) throw unknown('unknown-refused', 'there was no way to ask you to confirm it');
  if (!(await policy.confirm({ host, port, fingerprint: presented }))) throw unknown('first-use-declined', 'you did not trust it');
  await policy.store.remember(host, port, presented);
  return emit({ kind: 'first-use-trusted', ...base });
}
