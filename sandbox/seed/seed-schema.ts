// The sandbox's world, as a readable file (seed/default-seed.json): tenant, users, role assignments,
// subscriptions, workspaces, models and online endpoints. Validated on load so a typo fails with a clear path.
import { z } from 'zod';

const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case GUID');
const Name = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{1,62}$/, 'letters, digits and dashes, starting with a letter');
/** RFC 4648 base32, as authenticator apps take it. */
const Base32 = z.string().regex(/^[A-Z2-7]{16,64}$/, 'base32 (A-Z, 2-7), 16-64 characters');
/** An Entra auth-context id (an `acrs` value), e.g. `c1`. */
const AuthContextId = z.string().regex(/^c[0-9]{1,2}$/, 'an auth-context id: c and one or two digits, e.g. c1');

export const RoleAssignment = z.strictObject({
  /** Built-in role names; the ARM emulator maps each to the actions it allows. */
  role: z.enum(['Owner', 'Contributor', 'Reader', 'AzureML Data Scientist', 'AzureML Endpoint Invoker']),
  /** An ARM scope: /subscriptions/{id}[/resourceGroups/{rg}[/providers/.../workspaces/{ws}]] */
  scope: z.string().startsWith('/subscriptions/'),
});

export const User = z.strictObject({
  username: z.string().email(),
  displayName: z.string().min(1),
  oid: Guid,
  password: z.string().min(8),
  totpSecret: Base32,
  /** always: MFA at every sign-in; on-demand: only when a claims challenge or acr_values asks for it. */
  mfa: z.enum(['always', 'on-demand']),
  groups: z.array(z.string()).default([]),
  roles: z.array(RoleAssignment).default([]),
  /** May use the SSH jump host (a key pair is generated per state directory). */
  sshAccess: z.boolean().default(false),
});

export const ModelVersion = z.strictObject({
  version: z.string().regex(/^[0-9]+$/),
  description: z.string().default(''),
  stage: z.string().default('Development'),
  modelType: z.enum(['mlflow_model', 'custom_model', 'triton_model']).default('mlflow_model'),
  flavors: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  jobName: z.string().optional(),
  tags: z.record(z.string(), z.string()).default({}),
});

export const Model = z.strictObject({
  name: Name,
  description: z.string().default(''),
  tags: z.record(z.string(), z.string()).default({}),
  versions: z.array(ModelVersion).min(1),
});

/** Models the scoring emulator can run: small real models written in TypeScript with fixed weights. */
export const RunnableModel = z.enum(['credit-risk-logreg', 'sentiment-text-classifier']);

export const Deployment = z.strictObject({
  name: Name,
  /** `<model name>:<version>` of a model in the same workspace. */
  model: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*:[0-9]+$/),
  runs: RunnableModel,
  instanceType: z.string().default('Standard_DS3_v2'),
  instanceCount: z.number().int().min(1).default(1),
  requestTimeoutMs: z.number().int().min(1).max(180_000).default(5_000),
  maxConcurrentRequestsPerInstance: z.number().int().min(1).default(1),
  /** Fault injection for training and tests: this deployment's container fails every request. */
  fails: z.strictObject({ statusCode: z.number().int(), reason: z.string() }).optional(),
});

export const OnlineEndpoint = z.strictObject({
  name: Name,
  description: z.string().default(''),
  authMode: z.enum(['AMLToken', 'Key', 'AADToken']),
  tags: z.record(z.string(), z.string()).default({}),
  deployments: z.array(Deployment).min(1),
  /** Deployment name → percent; must add up to 100 (or be empty: nothing routes without the header). */
  traffic: z.record(z.string(), z.number().int().min(0).max(100)),
});

export const Workspace = z.strictObject({
  name: Name,
  friendlyName: z.string().optional(),
  description: z.string().default(''),
  location: z.string().regex(/^[a-z0-9]+$/),
  workspaceId: Guid,
  publicNetworkAccess: z.enum(['Enabled', 'Disabled']).default('Disabled'),
  /**
   * A Conditional Access auth context (one of the seed's `authContexts`, e.g. `c1`) every ARM request at or
   * under this workspace needs in the token's `acrs`; without it ARM answers 401 with a claims challenge.
   * Subscription and resource-group lists still show the workspace.
   */
  requiredAuthContext: AuthContextId.optional(),
  models: z.array(Model).default([]),
  onlineEndpoints: z.array(OnlineEndpoint).default([]),
});

export const ResourceGroup = z.strictObject({
  name: Name,
  location: z.string(),
  workspaces: z.array(Workspace).default([]),
});

export const Subscription = z.strictObject({
  subscriptionId: Guid,
  displayName: z.string(),
  resourceGroups: z.array(ResourceGroup).default([]),
});

export const Seed = z.strictObject({
  $schemaVersion: z.literal(1),
  tenant: z.strictObject({ id: Guid, displayName: z.string() }),
  /** The public client Airlock signs in as. */
  client: z.strictObject({ id: Guid, displayName: z.string() }),
  /** Auth-context ids (Entra `acrs`) a claims challenge may ask for; `c1` means "MFA required". */
  authContexts: z.array(AuthContextId).default(['c1']),
  security: z
    .strictObject({ maxFailedAttempts: z.number().int().min(1).default(5), lockoutSeconds: z.number().int().min(1).default(300) })
    .default({ maxFailedAttempts: 5, lockoutSeconds: 300 }),
  arm: z
    .strictObject({
      /** Past this many reads per minute per principal the ARM emulator answers 429 with Retry-After. */
      readsPerMinute: z.number().int().min(1).default(1200),
      /** Items per page of every list (real ARM varies by resource type). */
      pageSize: z.number().int().min(1).max(1000).default(20),
    })
    .default({ readsPerMinute: 1200, pageSize: 20 }),
  users: z.array(User).min(1),
  subscriptions: z.array(Subscription).min(1),
}).superRefine((seed, ctx) => {
  // A workspace may only require an auth context the IdP can satisfy (it grants seed.authContexts after MFA).
  seed.subscriptions.forEach((sub, s) =>
    sub.resourceGroups.forEach((group, g) =>
      group.workspaces.forEach((ws, w) => {
        if (ws.requiredAuthContext === undefined || seed.authContexts.includes(ws.requiredAuthContext)) return;
        ctx.addIssue({
          code: 'custom',
          path: ['subscriptions', s, 'resourceGroups', g, 'workspaces', w, 'requiredAuthContext'],
          message: `auth context '${ws.requiredAuthContext}' is not listed in authContexts (${seed.authContexts.map((c) => `'${c}'`).join(', ') || 'empty'}); add it there or require one of those`,
        });
      }),
    ),
  );
});

export type Seed = z.infer<typeof Seed>;
export type SeedUser = z.infer<typeof User>;
export type SeedWorkspace = z.infer<typeof Workspace>;
export type SeedOnlineEndpoint = z.infer<typeof OnlineEndpoint>;
export type SeedDeployment = z.infer<typeof Deployment>;
export type SeedModel = z.infer<typeof Model>;
export type SeedRoleAssignment = z.infer<typeof RoleAssignment>;
