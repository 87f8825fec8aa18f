// Opening a connection to the policy's collector: whom to trust (the policy's CA file, else the system's
// authorities), the connection over the port, given up after the stall period on the scheduler, and every
// failure as an AirlockError in words. The caller's AbortController drops a connection still being made
// (forwarding turned off, Airlock or the CLI exiting). Never connects anywhere but the target's host:port.
import type { Scheduler } from '../../ports';
import { collectorFailure, collectorStalled } from './collector-errors';
import type { CollectorLink, ConnectCollector } from './collector-link';
import { collectorTrust } from './collector-trust';
import type { ForwardingTarget } from './forwarding-target';
import { stallAfter } from './forwarding-timing';

export interface OpenCollectorDeps {
  readonly connect: ConnectCollector;
  readonly readFile: (file: string) => Promise<string>;
  readonly scheduler: Scheduler;
  readonly stallMs: number;
}

export async function openCollector(to: ForwardingTarget, deps: OpenCollectorDeps, abort: AbortController): Promise<CollectorLink> {
  const address = { host: to.host, port: to.port };
  const trust = await collectorTrust(to.caCertPath, deps.readFile);
  const stall = collectorStalled(address, 'connect');
  return stallAfter(deps.scheduler, deps.stallMs, deps.connect(address, trust, abort.signal), () => abort.abort(stall)).catch((error: unknown) => {
    throw abort.signal.aborted ? stall : collectorFailure(error, address, trust);
  });
}
