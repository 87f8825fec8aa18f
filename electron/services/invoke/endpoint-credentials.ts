// The scoring credential from the endpoint's own auth mode; the user never pastes one, and none leaves main:
// AMLToken → the control plane's getToken (cached to refreshAfter, single flight); Key → listKeys (kept in
// memory, fetched again once after a 401); AADToken → an Entra token for the ML scope from the auth service.
// After the endpoint refuses a credential (401), refused() makes the next credential() a fresh one.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Logger } from '../ports';
import { createAmlTokenCache, type TokenScope } from './aml-token-cache';
import type { EndpointAuthMode, EndpointControlPlane, EndpointTokenStore } from './invoke-types';

export interface CredentialTarget {
  readonly accountId: string;
  readonly environmentId: string;
  readonly workspaceId: string;
  readonly endpointName: string;
}

export interface EndpointCredentials {
  credential(target: CredentialTarget, mode: EndpointAuthMode): Promise<string>;
  refused(target: CredentialTarget, mode: EndpointAuthMode): Promise<void>;
  evict(environmentId: string): void;
}

export interface EndpointCredentialsDeps {
  readonly controlPlane: EndpointControlPlane;
  readonly mlToken: (accountId: string, options?: { forceRefresh?: boolean }) => Promise<string>;
  readonly tokenStore?: (environmentId: string) => EndpointTokenStore;
  readonly now: () => number;
  readonly logger: Logger;
}

/** Account and endpoint, case-folded the way ARM names match (the account id is MSAL's, kept as is). */
const keyOf = (t: CredentialTarget) => `${t.accountId}|${t.workspaceId.toLowerCase()}/onlineendpoints/${t.endpointName.toLowerCase()}`;

export function createEndpointCredentials(deps: EndpointCredentialsDeps): EndpointCredentials {
  const amlTokens = createAmlTokenCache({ now: deps.now, logger: deps.logger, ...(deps.tokenStore ? { store: deps.tokenStore } : {}) });
  // Keys do not expire; they live in memory only (never the vault, never a log) until a 401 or the vault locks.
  const keys = new Map<string, Promise<string>>();
  const aadRefused = new Set<string>();
  const scopeOf = (t: CredentialTarget): TokenScope => ({ environmentId: t.environmentId, key: keyOf(t) });
  const keyId = (t: CredentialTarget) => `${t.environmentId}\u0000${keyOf(t)}`;

  return {
    async credential(target, mode) {
      switch (mode) {
        case 'AMLToken':
          return amlTokens.token(scopeOf(target), () => deps.controlPlane.amlToken(target.accountId, target.workspaceId, target.endpointName));
        case 'Key': {
          const id = keyId(target);
          let pending = keys.get(id);
          if (!pending) {
            pending = deps.controlPlane.endpointKeys(target.accountId, target.workspaceId, target.endpointName).then(({ primaryKey, secondaryKey }) => {
              const key = primaryKey || secondaryKey;
              if (!key) throw new AirlockError('E_UNAVAILABLE', { message: 'Azure gave no key for this endpoint, so Airlock could not call it.' });
              return key;
            });
            keys.set(id, pending);
            pending.catch(() => keys.delete(id)); // a failed listKeys is asked again next time
          }
          return pending;
        }
        case 'AADToken': {
          const id = keyId(target);
          const forceRefresh = aadRefused.delete(id);
          return deps.mlToken(target.accountId, forceRefresh ? { forceRefresh } : {});
        }
        default:
          throw new AirlockError('E_UNAVAILABLE', {
            message: 'This endpoint uses an authentication mode Airlock does not know, so Airlock cannot call it.',
            hint: 'Use an endpoint whose auth mode is key, AML token or Microsoft Entra token.',
          });
      }
    },
    async refused(target, mode) {
      if (mode === 'AMLToken') await amlTokens.invalidate(scopeOf(target));
      else if (mode === 'Key') keys.delete(keyId(target));
      else if (mode === 'AADToken') aadRefused.add(keyId(target));
    },
    evict(environmentId) {
      amlTokens.evict(environmentId);
      for (const id of [...keys.keys()]) if (id.startsWith(`${environmentId}\u0000`)) keys.delete(id);
    },
  };
}
