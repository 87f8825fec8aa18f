// Child process for the several-writers test: opens the trail at argv[2] (keychain file argv[3]) as writer
// argv[5] and appends argv[4] events in small concurrent batches (resource "writer:<n>"), then closes it and
// prints "done <failed appends>". Exits 0 either way; the parent judges.
import { event, fileKeychain, openTrail } from './audit-fixtures';

const [file = '', keychainFile = '', countText = '300', writer = '0'] = process.argv.slice(2);
const trail = await openTrail(file, fileKeychain(keychainFile), { checkpointEvery: { records: 40 }, epochEvery: { records: 90 } });
const count = Number(countText);
let failed = 0;
for (let i = 0; i < count; i += 5) {
  const done = await Promise.allSettled(Array.from({ length: Math.min(5, count - i) }, (_, k) => trail.append(event(i + k, { resource: `writer:${writer}` }))));
  failed += done.filter((d) => d.status === 'rejected').length;
  // Spread over time, as commands in several terminals are, so the writers overlap and take turns.
  await new Promise((resolve) => setTimeout(resolve, 3));
}
await trail.close();
process.stdout.write(`done ${failed}\n`);
