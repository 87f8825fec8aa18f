// The shape of the admin policy document, strict at every level: a key Airlock does not know — a setting,
// a rule field, a condition — is an error, never ignored (seed 002's engine ignored unknown conditions and
// so failed open). Types and ranges only; what a value means (an action name, a time zone, an address
// range) is checked in validate-document.ts, where the words can quote the value.
import { z } from 'zod';
import { RESOURCE_TYPES } from '../../../../shared/contract/resource';
import { ANOMALY_KINDS, ENDPOINT_AUTH_MODES, ROUTE_KINDS, UPDATE_CHANNELS, WEEKDAYS } from './policy-document';

export const CONDITION_NAMES = ['ip_range', 'time_window', 'mfa_required', 'audit_logged'] as const;

const Text = (max: number) => z.string().min(1).max(max);
const List = <T extends z.ZodType>(item: T, max: number) => z.array(item).min(1).max(max);
const Whole = (min: number, max: number) => z.number().int().min(min).max(max);

const RouteRequirement = z.union([z.enum(['any', 'private', ...ROUTE_KINDS]), List(z.enum(ROUTE_KINDS), ROUTE_KINDS.length)]);

export const TimeWindowShape = z.strictObject({
  days: List(z.enum(WEEKDAYS), 7),
  from: Text(5),
  to: Text(5),
  timezone: Text(64),
});

export const ConditionsShape = z.strictObject({
  ip_range: List(Text(64), 64).optional(),
  time_window: TimeWindowShape.optional(),
  mfa_required: z.boolean().optional(),
  audit_logged: z.boolean().optional(),
});

export const RuleShape = z.strictObject({
  id: Text(64),
  effect: z.enum(['allow', 'deny']),
  actions: List(Text(64), 256),
  resources: List(Text(256), 256).optional(),
  conditions: ConditionsShape.optional(),
  reason: Text(160).optional(),
});

export const DocumentShape = z.strictObject({
  version: z.literal(1),
  environments: List(Text(64), 64).optional(),
  tenants: List(Text(64), 64).optional(),
  idleLockMinutes: Whole(1, 1440).optional(),
  maxPayloadBytes: Whole(1, 104_857_600).optional(),
  endpointAuthModes: z.array(z.enum(ENDPOINT_AUTH_MODES)).max(ENDPOINT_AUTH_MODES.length).optional(),
  routes: z.strictObject(Object.fromEntries(RESOURCE_TYPES.map((type) => [type, RouteRequirement.optional()]))).optional(),
  localForwards: z.boolean().optional(),
  hostKeyFirstUse: z.boolean().optional(),
  retention: z.strictObject({ auditDays: Whole(1, 3650).optional(), historyDays: Whole(0, 3650).optional() }).optional(),
  forwarding: z.strictObject({ host: Text(253), port: Whole(1, 65535), format: z.enum(['cef', 'json']), caCertPath: Text(1024).optional() }).optional(),
  anomalies: z.strictObject({ block: z.array(z.enum(ANOMALY_KINDS)).max(ANOMALY_KINDS.length) }).optional(),
  updates: z.strictObject({ enabled: z.boolean().optional(), channel: z.enum(UPDATE_CHANNELS).optional(), feedUrl: Text(2048).optional() }).optional(),
  rules: z.array(RuleShape).max(1000),
});

export type RawDocument = z.output<typeof DocumentShape>;
export type RawRule = z.output<typeof RuleShape>;
