// Schema of a private route's status as the renderer sees it (the route.state push event; wave 2's Connections
// screen and status bar). Mirrors RouteStatus (electron/services/routes/route-types.ts), bounded and strict:
// names, counts, times and the last error's code and words — never a key, a token or a stack.
import { z } from 'zod';

const IsoTime = z.iso.datetime();
const Count = z.number().int().nonnegative();

export const ROUTE_VIAS = ['vpn', 'jump', 'bastion'] as const;
export const ROUTE_STATES = ['off', 'connecting', 'up', 'degraded', 'failed'] as const;

export const RouteStatusView = z.strictObject({
  environmentId: z.string().min(1).max(64),
  via: z.enum(ROUTE_VIAS),
  state: z.enum(ROUTE_STATES),
  since: IsoTime,
  /** For people: `jumpbox.internal.sandbox:22 as alice`, `VPN (OS resolver)`. */
  target: z.string().max(512),
  bytesIn: Count,
  bytesOut: Count,
  rttMs: z.number().nonnegative().finite().nullable(),
  /** An Airlock error code (E_…) and its message in words. */
  lastError: z.strictObject({ code: z.string().regex(/^E_[A-Z_]{2,48}$/), message: z.string().max(1024) }).nullable(),
  reconnect: z.strictObject({ attempt: z.number().int().positive(), at: IsoTime }).nullable(),
});
export type RouteStatusView = z.infer<typeof RouteStatusView>;

// ---- The route.* and forward.* channels (issue 10, wave 2) ----

/** Which route a request names: vpn (VPN or direct), jump (SSH jump host), bastion (Azure Bastion to the jump VM). */
export const RouteVia = z.enum(ROUTE_VIAS);

/** `SHA256:` and 43 base64 characters, as OpenSSH prints a host key's fingerprint. */
export const HostKeyFingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'an SSH host key fingerprint (SHA256:…)');

const WorkspaceRef = z
  .string()
  .max(400)
  .regex(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[\w.()-]{0,89}[\w()-]\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[\w-]{1,64}$/i, 'an Azure Machine Learning workspace id');
/** An online endpoint's name as Azure ML allows it (3–32: a letter, then letters, digits and dashes). */
export const EndpointName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,31}$/, 'an online endpoint name');

/** One route of the active environment: its status, and whether the environment and the policy allow it. */
export const RouteListEntry = RouteStatusView.extend({
  allowed: z.boolean(),
  /** Why not, in words (the environment has no such route, or the policy forbids it); null when allowed. */
  why: z.string().max(512).nullable(),
});
export type RouteListEntry = z.infer<typeof RouteListEntry>;

export const RouteList = z.strictObject({
  environmentId: z.string().min(1).max(64),
  routes: z.array(RouteListEntry).max(3),
});
export type RouteList = z.infer<typeof RouteList>;

export const RouteRequest = z.strictObject({ via: RouteVia });

/** The fingerprint main saw on the pending connect (E_HOST_KEY_UNKNOWN's details.presented); any other is refused. */
export const TrustHostKeyRequest = z.strictObject({ via: RouteVia, fingerprint: HostKeyFingerprint });
export const HostKeyTrusted = z.strictObject({ trusted: z.literal(true) });

/** The endpoint's host comes from ARM (its scoringUri), never from the renderer. */
export const RouteCheckRequest = z.strictObject({ via: RouteVia, workspaceId: WorkspaceRef, endpointName: EndpointName });

export const CONNECTION_TEST_STEPS = ['dns', 'tcp', 'route', 'channel', 'tls', 'http'] as const;

export const TestConnectionStepView = z.strictObject({
  name: z.enum(CONNECTION_TEST_STEPS),
  ok: z.boolean(),
  ms: z.number().nonnegative().finite(),
  /** Not run because an earlier step failed. */
  skipped: z.boolean().optional(),
  /** What the step found, for people (the CNAME chain and answer, the route's target, the certificate, the status). */
  detail: z.string().max(1024).optional(),
  /** Why it failed, in words. */
  cause: z.string().max(1024).optional(),
  code: z.string().regex(/^E_[A-Z_]{2,48}$/).optional(),
  /** http step: the status the endpoint answered. */
  status: z.number().int().min(100).max(599).optional(),
});
export type TestConnectionStepView = z.infer<typeof TestConnectionStepView>;

export const TestConnectionView = z.strictObject({
  via: RouteVia,
  host: z.string().max(253),
  steps: z.array(TestConnectionStepView).max(8),
  ok: z.boolean(),
  /** ISO time the test started. */
  at: IsoTime,
  totalMs: z.number().nonnegative().finite(),
});
export type TestConnectionView = z.infer<typeof TestConnectionView>;

/** The answer to a route.prompt: the passphrase (a secret: never logged, audited or echoed), or null to cancel. */
export const AnswerPromptRequest = z.strictObject({ promptId: z.uuid(), answer: z.string().max(1024).nullable() });
export const PromptAnswered = z.strictObject({ done: z.literal(true) });

/** Push event: main asks for something only the user knows (today: an encrypted key's passphrase). */
export const RoutePrompt = z.strictObject({
  promptId: z.uuid(),
  kind: z.literal('passphrase'),
  /** The key file's name only (never its path's folders, never its content). */
  key: z.string().min(1).max(255),
  /** 1 for the first ask; higher after a wrong passphrase. */
  attempt: z.number().int().min(1).max(10),
});
export type RoutePrompt = z.infer<typeof RoutePrompt>;

export const ForwardOpenRequest = z.strictObject({
  workspaceId: WorkspaceRef,
  endpointName: EndpointName,
  /** The route to carry it; default: the first allowed route that is up. */
  via: RouteVia.optional(),
  /** 1024–65535; default: the port last used for this target when free, else one the system picks. */
  localPort: z.number().int().min(1024).max(65535).optional(),
});

export const ForwardView = z.strictObject({
  id: z.string().min(1).max(64),
  /** Always 127.0.0.1:PORT. */
  address: z.string().regex(/^127\.0\.0\.1:\d{1,5}$/),
  /** host:443, the endpoint's scoring host. */
  target: z.string().max(260),
  via: RouteVia,
  openedAt: IsoTime,
  bytesIn: Count,
  bytesOut: Count,
});
export type ForwardView = z.infer<typeof ForwardView>;

/** Push event: a local forward opened, changed (a local connection came, went or failed) or closed. */
export const ForwardState = z.strictObject({
  kind: z.enum(['opened', 'updated', 'closed']),
  forward: ForwardView,
  /** On 'closed' when Airlock closed it, not the user: why, in words (the admin policy changed). */
  closedBecause: z.string().max(1000).optional(),
});
export type ForwardState = z.infer<typeof ForwardState>;

export const ForwardCloseRequest = z.strictObject({ id: z.string().min(1).max(64) });
export const ForwardClosed = z.strictObject({ closed: z.literal(true) });
export const ForwardList = z.strictObject({ forwards: z.array(ForwardView).max(64) });
export type ForwardList = z.infer<typeof ForwardList>;
