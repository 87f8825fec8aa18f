// Records hold no secrets: tokens planted in an event's free-text fields (reason, resource, rule, username)
// are redacted before they are written, and the database's bytes (main file and WAL) are scanned for them,
// as are the exports.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryKeychain } from '../../../electron/services/vault';
import { event, openTrail, tempFolder } from './audit-fixtures';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsZWFrLW1hcmtlciJ9.c2lnbmF0dXJlLWxlYWstbWFya2VyLTAxMjM0NTY3ODk';
const OPAQUE = 'Zm9vYmFyYmF6cXV4LWxlYWstbWFya2VyLW9wYXF1ZS10b2tlbi0wMTIzNDU2Nzg5';
const PASSWORD = 'Hunter2-leak-marker';
const MARKERS = [JWT, OPAQUE, PASSWORD, 'leak-marker'];

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => folder.remove());

function bytesOf(file: string): string {
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');
}

describe('audit records hold no secrets', () => {
  it('redacts tokens planted in free-text fields and none reaches the database file or an export', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    const planted = [
      event(1, { reason: `refused: Authorization: Bearer ${OPAQUE}` }),
      event(2, { reason: `token ${JWT} was rejected` }),
      event(3, { reason: `login failed password=${PASSWORD}` }),
      event(4, { resource: `workspace:${JWT}` }),
      event(5, { rule: `access_token=${OPAQUE}` }),
      event(6, { kind: 'decision', decision: 'deny', outcome: undefined, errorCode: undefined, reason: `{"client_secret":"${PASSWORD}"}` }),
    ];
    for (const e of planted) await trail.append(e);
    const page = await trail.query({}, { limit: 20 });
    const stored = JSON.stringify(page.records);
    expect(stored).toContain('[redacted]');
    for (const marker of MARKERS) expect(stored).not.toContain(marker);
    for (const format of ['jsonl', 'csv', 'cef', 'ocsf'] as const) {
      let out = '';
      await trail.export(format, {}, async (chunk) => {
        out += chunk;
      });
      for (const marker of MARKERS) expect(out, format).not.toContain(marker);
    }
    const live = bytesOf(folder.file);
    for (const marker of MARKERS) expect(live.includes(marker), marker).toBe(false);
    await trail.close();
    const closed = bytesOf(folder.file);
    expect(closed.length).toBeGreaterThan(0);
    for (const marker of MARKERS) expect(closed.includes(marker), marker).toBe(false);
  });

  it('keeps only a payload’s hash and size: a payload body has no field to go in', async () => {
    const trail = await openTrail(folder.file, createMemoryKeychain());
    await expect(trail.append({ ...event(1), payload: { sha256: 'a'.repeat(64), bytes: 12, body: PASSWORD } } as never)).rejects.toMatchObject({ code: 'E_AUDIT_UNAVAILABLE' });
    await trail.append(event(2, { payload: { sha256: 'b'.repeat(64), bytes: 2048 } }));
    const [record] = (await trail.query({}, { limit: 1 })).records;
    expect(record?.payload).toEqual({ sha256: 'b'.repeat(64), bytes: 2048 });
    await trail.close();
    expect(bytesOf(folder.file).includes(PASSWORD)).toBe(false);
  });
});
