// What an attacker without keys can still do: change a record and recompute every SHA-256 link after it
// (the unkeyed chain alone cannot stop that; signed checkpoints and the MAC can).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

const PREV_AT = '{"prev":"'.length;

export function recompute(db: Database.Database, from: number, change: (body: string) => string): void {
  const rows = db.prepare('SELECT seq, body FROM records WHERE seq >= ? ORDER BY seq').all(from) as { seq: number; body: string }[];
  const update = db.prepare('UPDATE records SET body = ? WHERE seq = ?');
  let prev: string | null = null;
  for (const row of rows) {
    let body = row.seq === from ? change(row.body) : row.body;
    if (prev !== null) body = body.slice(0, PREV_AT) + prev + body.slice(PREV_AT + prev.length);
    update.run(body, row.seq);
    prev = createHash('sha256').update(body).digest('base64');
  }
}
