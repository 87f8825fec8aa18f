// Child process for the kill -9 test: opens the trail at argv[2] (keychain file argv[3]) and appends up to
// argv[4] events in small concurrent batches, printing each acknowledged seq on stdout ("ack <seq>") only
// after its append resolved, until the parent kills it.
import { event, fileKeychain, openTrail } from './audit-fixtures';

const [file = '', keychainFile = '', countText = '10000'] = process.argv.slice(2);
const trail = await openTrail(file, fileKeychain(keychainFile), { checkpointEvery: { records: 500 }, epochEvery: { records: 2000 } });
process.stdout.write('ready\n');
const count = Number(countText);
for (let i = 0; i < count; i += 25) {
  const done = await Promise.all(Array.from({ length: 25 }, (_, k) => trail.append(event(i + k))));
  process.stdout.write(`ack ${Math.max(...done.map((d) => d.seq))}\n`);
}
await trail.close();
process.stdout.write('done\n');
