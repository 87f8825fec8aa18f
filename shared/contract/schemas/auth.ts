// Schemas of the `auth.*` channels: sign-in, accounts, and the Session panel. Display data and opaque ids
// only — no schema here has a field that could hold a token, a key or a password.
import { z } from 'zod';

const Id = z.string().min(1).max(200);
const IsoTime = z.iso.datetime();

export const AccountSummary = z.strictObject({
  accountId: Id,
  environmentId: z.string().max(64),
  username: z.string().max(256),
  name: z.string().max(256),
  tenantId: z.string().max(64),
  authMethods: z.array(z.string().max(32)).max(16),
  signedInAt: IsoTime.nullable(),
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const SignInRequest = z.strictObject({
  environmentId: z.string().min(1).max(64),
  method: z.enum(['browser', 'device-code']),
  /** The tenant to sign in to (GUID or domain); omitted: the environment's own, or any work account. */
  tenant: z
    .string()
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'a tenant ID or domain')
    .optional(),
});

export const SignInProgress = z.strictObject({
  state: z.enum(['idle', 'browser', 'device-code']),
  environmentId: z.string().max(64).nullable(),
  deviceCode: z.strictObject({ userCode: z.string().max(32), verificationUri: z.url(), message: z.string().max(512), expiresAt: IsoTime }).nullable(),
});

export const Accounts = z.strictObject({
  accounts: z.array(AccountSummary).max(32),
  activeAccountId: Id.nullable(),
});

export const AccountRequest = z.strictObject({ accountId: Id });

export const VaultSummary = z.strictObject({
  backend: z.string().max(128),
  mode: z.enum(['keychain', 'memory-only']),
  locked: z.boolean(),
  reason: z.string().max(400).nullable(),
});

export const SessionInfo = z.strictObject({
  account: AccountSummary.nullable(),
  tokens: z.array(z.strictObject({ resource: z.enum(['arm', 'ml']), expiresAt: IsoTime.nullable() })).max(4),
  vault: VaultSummary.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const Cancelled = z.strictObject({ cancelled: z.boolean() });
export const Done = z.strictObject({ done: z.literal(true) });

/** Answers an E_STEP_UP_REQUIRED error: its opaque `stepUpId` detail, nothing the renderer could choose. */
export const StepUpRequest = z.strictObject({ stepUpId: z.uuid() });
