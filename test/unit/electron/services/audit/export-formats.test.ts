// The export formats' escaping and mapping, as pure functions: CEF per the spec (header `\|` `\\`; extension
// `\=` `\\` and line breaks as \n / \r), CSV per RFC 4180 with formula-looking cells defused, OCSF classes.
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../../electron/services/audit';
import { cefExtensionValue, cefFormat, cefHeaderValue } from '../../../../../electron/services/audit/export/cef-format';
import { csvCell } from '../../../../../electron/services/audit/export/csv-format';
import { ocsfClassOf, ocsfFormat, OCSF_VERSION } from '../../../../../electron/services/audit/export/ocsf-format';

const record: AuditRecord = {
  seq: 7, time: '2026-05-01T08:00:00.000Z', kind: 'decision', correlationId: 'c-1', action: 'workspace.models', resource: 'workspace:a|b=c',
  accountId: 'acc', username: 'ali\\ce', tenantId: 't', environmentId: 'sandbox', decision: 'deny', rule: 'r|1', reason: 'line one\nline two = x\r\\end',
};

describe('CEF', () => {
  it('escapes header fields: backslash and pipe, and no line breaks', () => {
    expect(cefHeaderValue('a|b\\c\nd')).toBe('a\\|b\\\\c d');
  });

  it('escapes extension values: backslash, equals, newline and carriage return', () => {
    expect(cefExtensionValue('a=b\\c\nd\re|f')).toBe('a\\=b\\\\c\\nd\\re|f');
  });

  it('writes one line per record with seven header fields and labelled custom strings', () => {
    const line = cefFormat.record({ record, body: '{}', hash: 'h=' });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
    expect(line.startsWith('CEF:0|Airlock|Airlock|0.1.0|workspace.models|workspace.models decision deny|5|rt=')).toBe(true);
    expect(cefFormat.record({ record: { ...record, action: 'a.b|c' }, body: '{}', hash: 'h' })).toContain('|a.b\\|c|a.b\\|c decision deny|5|');
    expect(line).toContain('msg=line one\\nline two \\= x\\r\\\\end');
    expect(line).toContain('cs1Label=resource cs1=workspace:a|b\\=c');
    expect(line).toContain('suser=ali\\\\ce');
    expect(line).toContain('outcome=deny');
    expect(line).not.toContain('cs4Label=tenantId cs5');
  });
});

describe('CSV', () => {
  it('quotes cells with commas, quotes or line breaks, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(undefined)).toBe('');
  });
});

describe('OCSF', () => {
  it('maps sign-in and sign-out to 3002, routes to 4001 and other channels to 6003', () => {
    expect(ocsfClassOf('auth.signIn')).toEqual({ category_uid: 3, class_uid: 3002, activity_id: 1 });
    expect(ocsfClassOf('auth.signOut')).toEqual({ category_uid: 3, class_uid: 3002, activity_id: 2 });
    expect(ocsfClassOf('routes.open')).toEqual({ category_uid: 4, class_uid: 4001, activity_id: 1 });
    expect(ocsfClassOf('workspace.models')).toEqual({ category_uid: 6, class_uid: 6003, activity_id: 2 });
    expect(ocsfClassOf('invoke.send')).toEqual({ category_uid: 6, class_uid: 6003, activity_id: 1 });
  });

  it('pins the schema version and fills the required fields', () => {
    const event = JSON.parse(ocsfFormat.record({ record, body: '{}', hash: 'h' })) as Record<string, unknown>;
    expect(OCSF_VERSION).toBe('1.6.0');
    expect(event).toMatchObject({ class_uid: 6003, category_uid: 6, activity_id: 2, type_uid: 600302, severity_id: 3, status_id: 2, status: 'Failure', time: Date.parse(record.time), metadata: { version: '1.6.0', product: { name: 'Airlock', vendor_name: 'Airlock' } } });
  });
});
