// The gateway: the single door from an untrusted caller (renderer via IPC, harness bridge) into the services.
// It checks the sender, the channel name and the payload, runs the handler, checks the result, and always
// resolves to an IpcResult — it never throws, never returns a stack, never echoes the caller's payload back.
import { COMMON_ERRORS, contract, isChannel, type ServiceHandlers } from '../../../shared/contract/contract';
import { ErrorShapeSchema } from '../../../shared/contract/error-schema';
import type { Channel } from '../../../shared/contract/channels';
import { channelPath } from '../../../shared/contract/channels';
import { failed, ok, type IpcResult } from '../../../shared/contract/result';
import { errorShape, type ErrorShape } from '../../../shared/errors/airlock-error';
import type { ErrorCode } from '../../../shared/errors/codes';
import { detailsFit } from '../../../shared/errors/details';
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

/**
 * Holds a failure to the contract: a code the channel does not declare, a shape that breaks the bounded
 * schema, or details its code does not declare, is a bug on our side and goes out as E_INTERNAL rather than
 * as whatever the service produced.
 */
function allowedShape(channel: Channel, shape: ErrorShape, logger: Logger): ErrorShape {
  const declared: readonly ErrorCode[] = [...COMMON_ERRORS, ...contract[channel].errors];
  if (!declared.includes(shape.code)) {
    logger.log('error', 'ipc.undeclared_error', { channel, code: shape.code });
    return errorShape('E_INTERNAL');
  }
  if (!ErrorShapeSchema.safeParse(shape).success) {
    logger.log('error', 'ipc.malformed_error', { channel, code: shape.code });
    return errorShape('E_INTERNAL');
  }
  // The code's own details schema (shared/errors/details.ts): an undeclared key could carry anything.
  if (!detailsFit(shape.code, shape.details)) {
    logger.log('error', 'ipc.undeclared_details', { channel, code: shape.code });
    return errorShape('E_INTERNAL');
  }
  return shape;
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
        // Only zod's issue codes and path depths are logged: values, and even keys (a record's keys are the
        // caller's own strings), may be anything the caller sent.
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.code}@${i.path.length}`);
        logger.log('warn', 'ipc.bad_request', { channel, issues: issues.join(',') });
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
        const shape = allowedShape(channel, toErrorShape(thrown), logger);
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
