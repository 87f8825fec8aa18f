// The verify helper's thread, as plain JavaScript text (run with `new Worker(text, { eval: true })`): no
// loader under tsx or vitest, no extra bundle entry in Electron, the same text everywhere. It opens its own
// read-only connection, pins a read snapshot when asked (while the writer's connection holds SQLite's write
// lock, see sqlite-verify-helper.ts), then walks the bodies in (after, through] with verify's fast checks
// (each body links to the previous one's hash, claims its counted seq and the current epoch). It never
// decides a finding: the first row and every epoch change are handed back for the main thread to check the
// way a one-thread verify does, and at the first anything-else it stops (the main thread walks the rest).
// It never writes, never logs a body, never sees a key.
export const HELPER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const rowHash = typeof crypto.hash === 'function' ? (b) => crypto.hash('sha256', b, 'base64') : (b) => crypto.createHash('sha256').update(b).digest('base64');
const BATCH = 1024;
const CHUNK = 20000;
let db = null;
try {
  const Engine = require(workerData.engine);
  db = new Engine(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('mmap_size = 2147483648');
  parentPort.postMessage({ t: 'ready' });
} catch {
  parentPort.postMessage({ t: 'failed' });
}

// The seq and epoch a body claims in its fixed prefix (digits read in place), or null.
function claimed(body, seqTextAt) {
  const seqAt = seqTextAt + 8;
  if (!body.startsWith('","seq":', seqTextAt) || body.charCodeAt(seqAt) === 48) return null;
  let at = seqAt;
  let seq = 0;
  for (let c = body.charCodeAt(at); c >= 48 && c <= 57 && at - seqAt < 16; c = body.charCodeAt(++at)) seq = seq * 10 + (c - 48);
  if (at === seqAt || !body.startsWith(',"epoch":', at)) return null;
  at += 9;
  const epochAt = at;
  // No leading zero (as verify's epoch text, String(epoch), has none).
  if (body.charCodeAt(at) === 48 && body.charCodeAt(at + 1) !== 44) return null;
  let epoch = 0;
  for (let c = body.charCodeAt(at); c >= 48 && c <= 57 && at - epochAt < 16; c = body.charCodeAt(++at)) epoch = epoch * 10 + (c - 48);
  return at > epochAt && body.charCodeAt(at) === 44 ? { seq, epoch } : null;
}

function* batches(after, through) {
  const sql = 'SELECT body FROM records WHERE seq > ? AND seq <= ? ORDER BY seq';
  const plan = db.prepare('EXPLAIN QUERY PLAN ' + sql).all(after, through);
  const ranged = plan.length === 1 && /^SEARCH records USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/.test(plan[0].detail || '');
  const statement = db.prepare(sql).pluck();
  if (ranged) {
    for (let from = after; from < through; from += BATCH) {
      const batch = statement.all(from, Math.min(from + BATCH, through));
      if (batch.length > 0) yield batch;
    }
    return;
  }
  let batch = [];
  for (const body of statement.iterate(after, through)) {
    batch.push(body);
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function walk(w) {
  const PREV = w.prevAt;
  const SEQ_TEXT_AT = w.seqTextAt;
  const watch = w.watch;
  const macEpoch = w.macEpoch;
  const handbacks = [];
  const watched = [];
  const macs = [];
  const prunes = [];
  let counted = w.after + 1;
  let prevHash = null;
  let epoch = -1;
  let nextWatch = 0;
  let stopped = false;
  let sinceProgress = 0;
  for (const batch of batches(w.after, w.through)) {
    for (let i = 0; i < batch.length; i++) {
      const body = batch[i];
      const seq = counted;
      const hash = rowHash(body);
      const c = prevHash !== null && body.startsWith(prevHash, PREV) ? claimed(body, SEQ_TEXT_AT) : null;
      if (c !== null && c.seq === seq && c.epoch === epoch) {
        if (epoch === macEpoch) macs.push(seq, hash);
        while (watch[nextWatch] < seq) nextWatch++;
        if (watch[nextWatch] === seq) watched.push(seq, hash);
        if (w.prunes && body.includes('"action":"audit.pruned"')) prunes.push(seq, body);
      } else {
        // The first row (its link is the main thread's to check) or an epoch change: handed back.
        const first = prevHash === null ? claimed(body, SEQ_TEXT_AT) : c;
        if (first === null || first.seq !== seq || handbacks.length >= 4096) {
          stopped = true;
          break;
        }
        handbacks.push({ seq, body, hash, before: prevHash, epochBefore: epoch, epochAfter: first.epoch });
        epoch = first.epoch;
      }
      prevHash = hash;
      counted++;
      if (++sinceProgress === CHUNK) {
        sinceProgress = 0;
        parentPort.postMessage({ t: 'progress', done: counted - 1 - w.after });
      }
    }
    if (stopped) break;
  }
  return { t: 'done', vouchedThrough: counted - 1, lastHash: prevHash, epoch, handbacks, watched, macs, prunes };
}

parentPort.on('message', (m) => {
  try {
    if (m.t === 'pin') {
      db.exec('BEGIN');
      // The first read pins the snapshot (see sqlite-store.ts's openSnapshot).
      db.prepare('SELECT count(*) FROM meta').get();
      parentPort.postMessage({ t: 'pinned' });
    } else if (m.t === 'walk') {
      parentPort.postMessage(walk(m));
    }
  } catch {
    parentPort.postMessage({ t: 'failed' });
  }
});
`;
