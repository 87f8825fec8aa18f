// Which authority a sign-in goes to. An environment file may pin one (the sandbox, an admin's custom cloud):
// then only that tenant. A built-in cloud takes the tenant the user names before the prompt — a GUID or a
// verified domain — or `organizations` (any work account) when they name none.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment } from '../environments';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

export function isTenantName(value: string): boolean {
  return value === 'organizations' || GUID.test(value) || DOMAIN.test(value);
}

export function authorityFor(environment: Environment, tenant?: string): string {
  const wanted = tenant?.trim().toLowerCase() || undefined;
  if (environment.authority) {
    if (wanted && wanted !== environment.tenantId?.toLowerCase() && wanted !== new URL(environment.authority).pathname.slice(1).toLowerCase()) {
      throw new AirlockError('E_BAD_REQUEST', {
        message: `${environment.displayName} signs in to one tenant only (${environment.tenantId ?? 'set by the environment file'}).`,
        hint: 'Leave the tenant as it is, or choose another environment.',
      });
    }
    return environment.authority;
  }
  if (wanted && !isTenantName(wanted)) {
    throw new AirlockError('E_BAD_REQUEST', { message: 'That is not a tenant name: use your organization’s domain (contoso.com) or its tenant ID.' });
  }
  return `${environment.authorityHost}/${wanted ?? environment.tenantId ?? 'organizations'}`;
}
