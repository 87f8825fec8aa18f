// One audit record as a syslog message: RFC 5424 framed per RFC 5425 (`MSG-LEN SP SYSLOG-MSG`, the length in
// octets). The header is the record's own: facility 13 (log audit), severity from what happened, TIMESTAMP
// the record's time (not the sending time: a record queued during an outage keeps when it happened),
// APP-NAME airlock, MSGID the record kind. Structured data `[airlock@32473 seq="N" hash="…"]` carries the
// trail's seq and the record's chain hash (SHA-256 of its canonical body): the key a collector de-duplicates
// on, since a record may be sent again after a connection broke (see docs/technical/audit-forwarding.md).
// 32473 is the private enterprise number RFC 5612 reserves for documentation; it stands in until Airlock has
// its own (change SD_ID). MSG is the CEF line (the export's formatter) or the canonical JSON body verbatim.
// Pure: never reads a key, never adds anything the trail did not store.
import { recordOf } from '../canonical';
import type { ChainedRecord } from '../audit-trail';
import { cefFormat } from '../export/cef-format';

export type ForwardingFormat = 'cef' | 'json';

export interface SyslogOrigin {
  /** This machine's name as HOSTNAME (see syslogHostname). */
  readonly hostname: string;
  /** RFC 5424 facility; default 13 (log audit). */
  readonly facility?: number;
}

export const SD_ID = 'airlock@32473';
const APP_NAME = 'airlock';
const LOG_AUDIT = 13;
const SEVERITY = { critical: 2, warning: 4, informational: 6 } as const;
const BOM = '\u{FEFF}';

/** HOSTNAME: printable ASCII only (anything else becomes '-'), at most 255 characters; '-' (nil) when empty. */
export function syslogHostname(name: string): string {
  const kept = name.replace(/[^\x21-\x7e]/g, '-').slice(0, 255);
  return kept.length === 0 ? '-' : kept;
}

/** A PARAM-VALUE: `"`, `\` and `]` escaped (RFC 5424 §6.3.3). */
function paramValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

function severity(record: ReturnType<typeof recordOf>): number {
  if (record.action === 'audit.gap') return SEVERITY.critical;
  return record.decision === 'deny' || record.outcome === 'error' ? SEVERITY.warning : SEVERITY.informational;
}

/** The RFC 5424 message for one stored record. */
export function syslogMessage(stored: ChainedRecord, format: ForwardingFormat, origin: SyslogOrigin): string {
  const record = recordOf(stored.body);
  const pri = (origin.facility ?? LOG_AUDIT) * 8 + severity(record);
  const sd = `[${SD_ID} seq="${paramValue(String(stored.seq))}" hash="${paramValue(stored.hash)}"]`;
  const text = format === 'json' ? stored.body : cefFormat.record({ record, body: stored.body, hash: stored.hash }).replace(/\n$/, '');
  // RFC 5424 §6.4: a UTF-8 MSG starts with a BOM. Plain ASCII is sent without one (MSG-ANY, and ASCII reads
  // the same in any encoding), because some CEF parsers stumble over a BOM before `CEF:`.
  const msg = /[^\p{ASCII}]/u.test(text) ? `${BOM}${text}` : text;
  return `<${pri}>1 ${record.time} ${syslogHostname(origin.hostname)} ${APP_NAME} - ${record.kind} ${sd} ${msg}`;
}

/** RFC 5425 octet-counting: the message's length in octets, a space, the message. */
export function octetFrame(message: string): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length} `, 'ascii'), bytes]);
}
