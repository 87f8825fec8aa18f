// Verify 1M records against one SHA-256 pass over the same database's bytes (the floor: reading and hashing
// every byte once). Goal: Airlock ≤ 3× that pass. The trail is built fast (audit-million.ts).
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { createAuditTrail, type AuditTrail } from '../../electron/services/audit';
import type { BenchSuite } from '../suite';
import { millionTrail } from './audit-million';

const suite: BenchSuite = {
  id: 'audit-verify',
  title: 'Audit verify, 1M records',
  goal: 'Airlock p50 ≤ 3× one SHA-256 pass over the database file',
  goalMet: (baseline, airlock) => airlock.p50 <= 3 * baseline.p50,
  iterations: 4,
  warmup: 1,
  async setup() {
    const data = await millionTrail();
    const trail: AuditTrail = await createAuditTrail({ file: data.file, keychain: data.keychain });
    const first = await trail.verify();
    if (first.result !== 'intact' || first.checked < data.records) throw new Error(`the bench trail does not verify: ${first.words}`);
    const buffer = Buffer.alloc(1 << 20);
    return {
      baseline: {
        name: 'SHA-256 of the database file',
        run: async () => {
          const hash = createHash('sha256');
          const fd = openSync(data.file, 'r');
          try {
            for (let n = readSync(fd, buffer, 0, buffer.length, null); n > 0; n = readSync(fd, buffer, 0, buffer.length, null)) hash.update(buffer.subarray(0, n));
          } finally {
            closeSync(fd);
          }
          hash.digest();
        },
      },
      airlock: {
        name: 'trail.verify()',
        run: async () => {
          const report = await trail.verify();
          if (report.result !== 'intact') throw new Error(report.words);
        },
      },
      teardown: async () => {
        await trail.close();
        data.release();
      },
    };
  },
};

export default suite;
