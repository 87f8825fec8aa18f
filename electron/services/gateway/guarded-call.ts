// One call through the door, after the sender was accepted: the channel name, the payload against the
// contract's schema, then the guard (decision and audit) around the handler and its response check. Every
// path resolves to an IpcResult: never a throw, a stack, or the caller's payload echoed back.
import { COMMON_ERRORS, contract, isChannel } from '../../../shared/contract/contract';
import { ErrorShapeSchema } from '../../../shared/contract/error-schema';
import type { Channel } from '../../../shared/contract/channels';
import { channelPath } from '../../../shared/contract/channels';
import { failed, ok, type IpcResult } from '../../../shared/contract/result';
import { errorShape, type ErrorShape } from '../../../shared/errors/airlock-error';
import type { ErrorCode } from '../../../shared/errors/codes';
import { detailsFit } from '../../../shared/errors/details';
import type { CallerHost, Guard, RequestContext, ResourceRef } from '../guard';
import type { Logger } from '../ports';
import { inputShapeFits } from './input-shape';
import type { ServiceHandlers } from './service-handlers';
import { toErrorShape } from './to-error-shape';

type AnyHandler = (input: unknown, ctx: RequestContext) => Promise<unknown>;

export interface GuardedCallDeps {
  readonly handlers: ServiceHandlers;
  readonly guard: Guard;
  readonly logger: Logger;
}

function handlerFor(handlers: ServiceHandlers, channel: Channel): AnyHandler {
  const { service, method } = channelPath(channel);
  const group = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[service];
  const fn = group?.[method];
  if (typeof fn !== 'function') throw new Error(`no handler for ${channel}`); // composition bug; caught by the caller
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

/** The handler and its response check, as the guard runs it: resolves to the result the caller gets. */
async function perform(deps: GuardedCallDeps, channel: Channel, input: unknown, ctx: RequestContext): Promise<IpcResult<unknown>> {
  try {
    const value = await handlerFor(deps.handlers, channel)(input, ctx);
    const checked = contract[channel].output.safeParse(value);
    if (!checked.success) {
      deps.logger.log('error', 'ipc.bad_response', { channel });
      return failed(errorShape('E_INTERNAL'));
    }
    return ok(checked.data);
  } catch (thrown) {
    const shape = allowedShape(channel, toErrorShape(thrown), deps.logger);
    deps.logger.log(shape.code === 'E_INTERNAL' ? 'error' : 'info', 'ipc.failed', {
      channel,
      code: shape.code,
      kind: thrown instanceof Error ? thrown.name : typeof thrown,
    });
    return failed(shape);
  }
}

export async function guardedCall(deps: GuardedCallDeps, channel: unknown, payload: unknown, host: CallerHost): Promise<IpcResult<unknown>> {
  const { logger } = deps;
  if (!isChannel(channel)) {
    logger.log('warn', 'ipc.unknown_channel', { channel: typeof channel === 'string' ? channel.slice(0, 64) : typeof channel });
    return failed(errorShape('E_UNKNOWN_CHANNEL'));
  }
  const spec = contract[channel];
  if (!inputShapeFits(payload)) {
    logger.log('warn', 'ipc.bad_request', { channel, issues: 'shape' });
    return failed(errorShape('E_BAD_REQUEST'));
  }
  const parsed = spec.input.safeParse(payload);
  if (!parsed.success) {
    // Only zod's issue codes and path depths are logged: values, and even keys (a record's keys are the
    // caller's own strings), may be anything the caller sent.
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.code}@${i.path.length}`);
    logger.log('warn', 'ipc.bad_request', { channel, issues: issues.join(',') });
    return failed(errorShape('E_BAD_REQUEST'));
  }
  let resource: ResourceRef;
  try {
    resource = (spec.resource as (input: unknown) => ResourceRef)(parsed.data);
  } catch {
    logger.log('error', 'ipc.resource_failed', { channel }); // a contract bug: no decision can be made
    return failed(errorShape('E_INTERNAL'));
  }
  const result = await deps.guard.run({ channel, resource, host }, (ctx) => perform(deps, channel, parsed.data, ctx));
  // The guard's own refusals (policy, audit) are declared for every channel; this keeps the rule for all paths.
  return result.ok ? result : failed(allowedShape(channel, result.error, logger));
}
