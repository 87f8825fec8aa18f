// The bench scoring server as a process of its own (see scoring-server-process.ts): starts it, hands its
// parent one JSON line (loopback port, the CA that signs its certificate, an AML token for credit-ep) over
// the stdout pipe, and runs until that parent closes its stdin. Never writes anything else.
import { startBenchScoring } from './scoring-over-route';

const fx = await startBenchScoring();
const token = await fx.amlToken();
process.stdout.write(`${JSON.stringify({ port: fx.scoring.port, caPem: fx.ctx.ca.certPem, token })}\n`);
process.stdin.on('end', () => void fx.stop().finally(() => process.exit(0)));
process.stdin.resume();
