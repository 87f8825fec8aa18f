// oidc-provider's storage (sessions, interactions, codes, grants, refresh tokens) for one IdP instance, in
// memory. Replaces oidc-provider's built-in development adapter, which is process-global (two IdPs in one
// test process would share it), capped at 1000 entries, and warns on every start. Expiry follows
// oidc-provider's own `expiresIn` on the real clock, as its tokens do. Must never write tokens to disk or
// logs; a restart forgets everything here (signing keys are persisted separately, in keys.ts).
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export function createTokenStore(): AdapterFactory {
  const entries = new Map<string, Entry>();
  const byUserCode = new Map<string, string>();
  const byUid = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();

  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };

  return (model: string): Adapter => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (entries.size > 10_000) sweep();
        const key = keyOf(id);
        entries.set(key, { payload: { ...payload }, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY });
        if (payload.userCode) byUserCode.set(payload.userCode, key);
        if (payload.uid) byUid.set(payload.uid, key);
        if (GRANTABLE.has(model) && payload.grantId) {
          const members = byGrant.get(payload.grantId) ?? new Set<string>();
          members.add(key);
          byGrant.set(payload.grantId, members);
        }
      },
      async find(id) {
        return live(keyOf(id));
      },
      async findByUserCode(userCode) {
        return live(byUserCode.get(userCode));
      },
      async findByUid(uid) {
        return live(byUid.get(uid));
      },
      async consume(id) {
        const entry = entries.get(keyOf(id));
        if (entry) entries.set(keyOf(id), { ...entry, payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) } });
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}
