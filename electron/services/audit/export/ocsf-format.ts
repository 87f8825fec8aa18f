// OCSF (schema version pinned: 1.6.0) as JSON lines. Sign-in, step-up and sign-out are 3002 Authentication,
// routes and tunnels 4001 Network Activity, every other channel 6003 API Activity (decisions too, with the
// policy's answer under unmapped.airlock). type_uid = class_uid * 100 + activity_id. The first line is a
// 6003 "Other" event carrying the checkpoint bundle under unmapped.airlock_checkpoint.
import type { AuditRecord } from '../audit-event';
import { PRODUCT, type ExportFormat } from './export-format';

export const OCSF_VERSION = '1.6.0';

interface OcsfClass {
  readonly category_uid: number;
  readonly class_uid: number;
  readonly activity_id: number;
}

/** Which OCSF class and activity a record is. */
export function ocsfClassOf(action: string): OcsfClass {
  const [service = '', method = ''] = action.split('.');
  if (service === 'auth' && /^(signIn|stepUp|signInProgress|cancelSignIn)/.test(method)) return { category_uid: 3, class_uid: 3002, activity_id: /^signIn$|^stepUp/.test(method) ? 1 : 99 };
  if (service === 'auth' && /^(signOut|forgetDevice)/.test(method)) return { category_uid: 3, class_uid: 3002, activity_id: 2 };
  if (service === 'routes' || service === 'tunnel' || service === 'tunnels') {
    const activity = /open|connect|start/i.test(method) ? 1 : /close|disconnect|stop/i.test(method) ? 2 : 99;
    return { category_uid: 4, class_uid: 4001, activity_id: activity };
  }
  const activity = /^(invoke|send|create|add)/i.test(method) ? 1 : /^(update|set|save)/i.test(method) ? 3 : /^(delete|remove|forget|prune)/i.test(method) ? 4 : /^(list|get|show|read|info|health|models|workspaces|endpoints|status|explain|query|verify|export)/i.test(method) ? 2 : 99;
  return { category_uid: 6, class_uid: 6003, activity_id: activity };
}

const metadata = (extra: Record<string, unknown>) => ({ version: OCSF_VERSION, product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: PRODUCT.version }, log_name: 'airlock-audit', ...extra });

function event(record: AuditRecord, hash: string): Record<string, unknown> {
  const cls = ocsfClassOf(record.action);
  const result = record.decision ?? record.outcome;
  const failed = result === 'deny' || result === 'error';
  const [resourceType = '', ...rest] = record.resource.split(':');
  const user = record.username || record.accountId ? { name: record.username ?? undefined, uid: record.accountId ?? undefined, org: record.tenantId ? { uid: record.tenantId } : undefined } : undefined;
  return {
    ...cls,
    type_uid: cls.class_uid * 100 + cls.activity_id,
    time: Date.parse(record.time),
    severity_id: record.action === 'audit.gap' ? 4 : failed ? 3 : 1,
    status_id: result === undefined ? 0 : failed ? 2 : 1,
    status: result === undefined ? 'Unknown' : failed ? 'Failure' : 'Success',
    ...(record.errorCode ? { status_code: record.errorCode } : {}),
    ...(record.reason ? { message: record.reason } : {}),
    metadata: metadata({ uid: String(record.seq), correlation_uid: record.correlationId }),
    ...(cls.class_uid === 3002 ? { user } : { actor: user ? { user } : undefined }),
    ...(cls.class_uid === 6003 ? { api: { operation: record.action, service: { name: record.action.split('.')[0] } }, resources: [{ type: resourceType, uid: rest.join(':') }] } : {}),
    ...(cls.class_uid === 4001 ? { dst_endpoint: { uid: record.resource } } : {}),
    ...(record.addresses?.length ? { src_endpoint: { ip: record.addresses[0] } } : {}),
    ...(record.durationMs !== undefined ? { duration: record.durationMs } : {}),
    unmapped: {
      airlock: {
        seq: record.seq, kind: record.kind, chain_hash: hash, resource: record.resource, environment_id: record.environmentId,
        decision: record.decision, rule: record.rule, route: record.route, host: record.host, payload: record.payload, response: record.response,
      },
    },
  };
}

export const ocsfFormat: ExportFormat = {
  name: 'ocsf',
  header: (bundle) =>
    `${JSON.stringify({
      category_uid: 6, class_uid: 6003, activity_id: 99, type_uid: 600399, time: bundle ? Date.parse(bundle.time) : 0, severity_id: 1, status_id: 1, status: 'Success',
      message: 'Airlock audit checkpoint', metadata: metadata({ uid: bundle ? `checkpoint:${bundle.seq}` : 'checkpoint:none' }),
      api: { operation: 'audit.checkpoint', service: { name: 'audit' } }, unmapped: { airlock_checkpoint: bundle },
    })}\n`,
  record: ({ record, hash }) => `${JSON.stringify(event(record, hash))}\n`,
  trailer: () => '',
};
