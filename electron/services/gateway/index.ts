// The gateway: the single door from an untrusted caller (renderer via IPC, harness bridge) into the services.
// It checks the sender, the channel name and the payload, runs the handler, checks the result, and always
// resolves to an IpcResult — it never throws, never returns a stack, never echoes the caller's payload back.
import { contract, isChannel, type ServiceHandlers } from '../../../shared/contract/contract';
import type { Channel } from '../../../shared/contract/channels';
import { channelPath } from '../../../shared/contract/channels';
import { failed, ok, type IpcResult } from '../../../shared/contract/result';
import { errorShape } from '../../../shared/errors/airlock-error';
import type { Logger } from '../ports';
import { isTrustedSender, type CallerFrame, type TrustedOrigin } from './sender-trust';
import { toErrorShape } from './to-error-shape';

export { APP_ORIGIN, isTrustedSender, isTrustedUrl, type CallerFrame, type TrustedOrigin } from './sender-trust';

export interface Gateway {
  call(channel: unknown, payload: unknown, caller: CallerFrame): Promise<IpcResult<unknown>>;
}

export interface GatewayOptions {
  readonly handlers: ServiceHandlers;
  readonly trustedOrigin: TrustedOrigin;
  readonly logger: Logger;
}

type AnyHandler = (input: unknown) => Promise<unknown>;

function handlerFor(handlers: ServiceHandlers, channel: Channel): AnyHandler {
  const { service, method } = channelPath(channel);
  const group = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[service];
  const fn = group?.[method];
  if (typeof fn !== 'function') throw new Error(`no handler for ${channel}`); // composition bug; caught below
  return fn.bind(group);
}

export function createGateway(options: GatewayOptions): Gateway {
  const { handlers, trustedOrigin, logger } = options;

  return {
    async call(channel, payload, caller) {
      const name = typeof channel === 'string' ? channel.slice(0, 64) : typeof channel;
      if (!isTrustedSender(caller, trustedOrigin)) {
        logger.log('warn', 'ipc.sender_refused', { channel: name, mainFrame: caller.isMainFrame });
        return failed(errorShape('E_FORBIDDEN_SENDER'));
      }
      if (!isChannel(channel)) {
        logger.log('warn', 'ipc.unknown_channel', { channel: name });
        return failed(errorShape('E_UNKNOWN_CHANNEL'));
      }
      const spec = contract[channel];
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) {
        // Only the paths of the failing fields are logged; the values may be anything the caller sent.
        const fields = parsed.error.issues.map((i) => i.path.map(String).join('.') || '(root)').slice(0, 5);
        logger.log('warn', 'ipc.bad_request', { channel, fields: fields.join(',') });
        return failed(errorShape('E_BAD_REQUEST'));
      }
      try {
        const value = await handlerFor(handlers, channel)(parsed.data);
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          logger.log('error', 'ipc.bad_response', { channel });
          return failed(errorShape('E_INTERNAL'));
        }
        return ok(checked.data);
      } catch (thrown) {
        const shape = toErrorShape(thrown);
        logger.log(shape.code === 'E_INTERNAL' ? 'error' : 'info', 'ipc.failed', {
          channel,
          code: shape.code,
          kind: thrown instanceof Error ? thrown.name : typeof thrown,
        });
        return failed(shape);
      }
    },
  };
}
