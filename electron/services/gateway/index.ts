// The gateway: the single door from a caller into the services. A host that serves the renderer (Electron's
// IPC binding, the Chromium host's binding) gets a gateway that checks the sender frame first; an in-process
// caller (the CLI) gets one with no frame to check. Both then check the channel name and the payload, and run
// the handler only through the guard (decision and audit). Every call resolves to an IpcResult: it never
// throws, never returns a stack, never echoes the caller's payload back. There is no unguarded door.
import type { IpcResult } from '../../../shared/contract/result';
import { failed } from '../../../shared/contract/result';
import { errorShape } from '../../../shared/errors/airlock-error';
import type { CallerHost } from '../guard';
import { guardedCall, type GuardedCallDeps } from './guarded-call';
import { isTrustedSender, type CallerFrame, type TrustedOrigin } from './sender-trust';

export { APP_ORIGIN, isTrustedSender, isTrustedUrl, type CallerFrame, type TrustedOrigin } from './sender-trust';
export { replaceHandlers, type HandlerOf, type HandlerReplacements, type ParsedInputOf, type ServiceHandlers } from './service-handlers';

/** The door for a host that serves the renderer: the caller is a frame, checked first. */
export interface Gateway {
  call(channel: unknown, payload: unknown, caller: CallerFrame): Promise<IpcResult<unknown>>;
}

/** The door for a trusted in-process caller (the CLI, tests): no frame, the same checks and guard after it. */
export interface InProcessGateway {
  call(channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
}

export type FrameHost = Extract<CallerHost, 'electron' | 'preview' | 'test'>;
export type InProcessHost = Extract<CallerHost, 'cli' | 'test'>;

export interface GatewayOptions extends GuardedCallDeps {
  readonly host: FrameHost;
  readonly trustedOrigin: TrustedOrigin;
}

export function createGateway(options: GatewayOptions): Gateway {
  const { trustedOrigin, logger, host } = options;
  return {
    async call(channel, payload, caller) {
      if (!isTrustedSender(caller, trustedOrigin)) {
        const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
        logger.log('warn', 'ipc.sender_refused', { channel: name, mainFrame: caller.isMainFrame });
        return failed(errorShape('E_FORBIDDEN_SENDER'));
      }
      return guardedCall(options, channel, payload, host);
    },
  };
}

export function createInProcessGateway(options: GuardedCallDeps & { readonly host: InProcessHost }): InProcessGateway {
  return { call: (channel, payload) => guardedCall(options, channel, payload, options.host) };
}
