// `airlock audit status|list|verify|export|anomalies`: the local audit trail through the guarded door (the
// audit.* channels), like the Audit screen. Verify exits 0 only when the trail is intact; export writes where
// main.ts's export port says (--out FILE, else this folder) — the request itself carries no path.
import type { InProcessGateway } from '../services';
import { AUDIT_EXPORT_FORMATS, AUDIT_PAGE_MAX, AuditListFilter } from '../../shared/contract/schemas/audit';
import { callChannel } from './contract-call';
import { isoTime, oneOf, schemaCheck, wholeNumber, type CliIo, type CliOptions, type CommandGroup, type FlagSpec } from './cli-command';
import { formatAnomalies, formatAuditList, formatAuditStatus, formatExport, formatVerify, verifyProgressLine } from './format-audit';
import { newFileTarget } from './file-target';

const FILTER_FLAGS: Readonly<Record<string, FlagSpec>> = {
  from: { metavar: 'ISO', needs: 'a time', help: 'Records at or after this UTC time (2026-12-01T08:00:00Z)', check: isoTime },
  to: { metavar: 'ISO', needs: 'a time', help: 'Records before this UTC time', check: isoTime },
  action: { metavar: 'A', needs: 'an action', help: "An action, or a prefix ending in '*' (workspace.*)", check: schemaCheck(AuditListFilter.shape.action) },
  outcome: { metavar: 'O', needs: 'an outcome', help: 'ok or error (outcomes), allow or deny (decisions)', check: oneOf(['ok', 'error', 'allow', 'deny']) },
  account: { metavar: 'U', needs: 'a username or account id', help: 'A username or account id', check: schemaCheck(AuditListFilter.shape.account) },
  resource: { metavar: 'R', needs: 'a resource', help: "A resource (workspace:<id>), or a prefix ending in '*'", check: schemaCheck(AuditListFilter.shape.resource) },
};

function filterOf(options: CliOptions): AuditListFilter | undefined {
  const filter: Record<string, string> = {};
  for (const name of Object.keys(FILTER_FLAGS)) {
    const value = options[name];
    if (value !== undefined) filter[name] = value;
  }
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/** Runs verify, and while it runs polls its progress for a terminal (only when `io.progress` is given). */
async function verifyWithProgress(gateway: InProcessGateway, io: CliIo) {
  const running = callChannel(gateway, 'audit.verify', undefined);
  const progress = io.progress;
  if (!progress) return running;
  let done = false;
  const poll = (async () => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, io.pollMs ?? 500));
      if (done) break;
      const now = await callChannel(gateway, 'audit.verifyProgress', undefined).catch(() => null);
      if (now?.state === 'running') progress(verifyProgressLine(now.checked, now.total));
    }
  })();
  try {
    return await running;
  } finally {
    done = true;
    await poll;
    progress('');
  }
}

export const AUDIT_COMMANDS: CommandGroup = {
  summary: "This device's audit trail: status, records, verify, export, anomaly hints",
  subcommands: {
    status: {
      summary: 'Whether the trail records, its newest record, keys, database, retention and forwarding',
      async run(gateway) {
        const value = await callChannel(gateway, 'audit.status', undefined);
        return { value, text: formatAuditStatus(value), exitCode: value.writable ? 0 : 1 };
      },
    },
    list: {
      summary: 'Audit records, newest first, matching the filters',
      flags: {
        ...FILTER_FLAGS,
        limit: { metavar: 'N', needs: 'a number', help: `How many records (1-${AUDIT_PAGE_MAX}, default 200)`, check: wholeNumber(1, AUDIT_PAGE_MAX) },
        before: { metavar: 'SEQ', needs: 'a record number', help: 'Only records older than this one (the next page)', check: wholeNumber(1, 999_999_999) },
      },
      async run(gateway, options) {
        const filter = filterOf(options);
        const limit = options['limit'];
        const before = options['before'];
        const value = await callChannel(gateway, 'audit.list', {
          ...(filter ? { filter } : {}),
          ...(limit === undefined ? {} : { limit: Number(limit) }),
          ...(before === undefined ? {} : { before: Number(before) }),
        });
        return { value, text: formatAuditList(value), exitCode: 0 };
      },
    },
    verify: {
      summary: 'Verifies the whole trail; exit 0 when intact, 1 otherwise',
      async run(gateway, _options, io) {
        const value = await verifyWithProgress(gateway, io);
        return { value, text: formatVerify(value), exitCode: value.result === 'intact' ? 0 : 1 };
      },
    },
    export: {
      summary: 'Writes the matching records as JSONL, CSV, CEF or OCSF, with the latest signed checkpoint',
      flags: {
        format: { metavar: 'F', needs: 'a format', help: `${AUDIT_EXPORT_FORMATS.join(', ')}`, required: true, check: oneOf(AUDIT_EXPORT_FORMATS) },
        out: { metavar: 'FILE', needs: 'a file name', help: 'Where to write (default: a new file in this folder)', check: newFileTarget },
        ...FILTER_FLAGS,
      },
      async run(gateway, options) {
        const filter = filterOf(options);
        const format = options['format'] as (typeof AUDIT_EXPORT_FORMATS)[number];
        const value = await callChannel(gateway, 'audit.export', { format, ...(filter ? { filter } : {}) });
        return { value, text: formatExport(value), exitCode: value.saved ? 0 : 1 };
      },
    },
    anomalies: {
      summary: 'Anomaly hints from the local trail (unusual hours, volume spikes, repeated failures, a new network)',
      async run(gateway) {
        const value = await callChannel(gateway, 'audit.anomalies', undefined);
        return { value, text: formatAnomalies(value), exitCode: 0 };
      },
    },
  },
};
