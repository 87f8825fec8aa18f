// Control-plane calls through @azure/arm-machinelearning, as one signed-in account of one environment.
// The SDK's own pipeline is trimmed to what is safe here (its bearer, redirect, retry, proxy and log policies
// go) and Airlock's are added: bounded retry, host pin, sign-in (arm-policies.ts), over Airlock's HTTP port
// (arm-http-client.ts). Every call runs under one deadline, lists stop at a page cap and an item cap, and
// every failure leaves as an Airlock error (arm-errors.ts) — never the SDK's message, which may carry HTML.
// Items are read from each page's JSON as ARM sent it (not the SDK's models), so the shaping sees the raw
// value of every field and decides itself what is usable.
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { OperationOptions } from '@azure/core-client';
import { createPipelineRequest, isRestError, type Pipeline } from '@azure/core-rest-pipeline';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { AuthService } from '../auth';
import type { Environment } from '../environments';
import type { HttpsSend, Logger } from '../ports';
import { armCredential } from './arm-credential';
import { armError, timedOut, transportError, unreadable } from './arm-errors';
import { armHttpClient } from './arm-http-client';
import { boundedRetryPolicy, hostPinPolicy, HOST_PIN_POLICY, signInPolicy } from './arm-policies';

export interface ArmLimits {
  /**
   * Pages past this are not fetched: a list this long is a misbehaving server (an endless nextLink), not a real
   * workspace. High enough for the contract's 10k endpoints at small page sizes (the sandbox pages by 20).
   */
  readonly maxPages: number;
  readonly maxResponseBytes: number;
  /** One whole call (every page, every retry). */
  readonly deadlineMs: number;
  readonly requestTimeoutMs: number;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
}

export const DEFAULT_ARM_LIMITS: ArmLimits = { maxPages: 500, maxResponseBytes: 4 * 1024 * 1024, deadlineMs: 90_000, requestTimeoutMs: 30_000, maxRetries: 2, retryDelayMs: 400 };

/** Options every SDK operation of one call gets: the deadline's signal and the raw-page collector. */
export type CallOptions = OperationOptions;

export interface ArmClient {
  /** The SDK client for one subscription. */
  ml(subscriptionId: string): AzureMachineLearningWorkspaces;
  /** Runs one whole call under the deadline; whatever it throws leaves as an Airlock error. */
  call<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** One SDK operation's answer as ARM's JSON (not the SDK's model of it). */
  rawOf(operation: (options: CallOptions) => Promise<unknown>, signal: AbortSignal): Promise<unknown>;
  /** The items of an SDK list operation, as ARM's JSON, up to `maxItems` and the page cap. */
  collect(list: ListOperation, maxItems: number, signal: AbortSignal): Promise<unknown[]>;
  /**
   * The same, saying whether ARM has more than was read (`more`: a next page was left unread, a page was cut at
   * `maxItems`, or the page cap or a nextLink loop stopped the list) — what a first-rows read needs to know.
   */
  collectSome(list: ListOperation, maxItems: number, signal: AbortSignal): Promise<{ items: unknown[]; more: boolean }>;
  /** A paged ARM list the SDK does not cover (subscriptions, registries), through the same pipeline. */
  listRaw(path: string, apiVersion: string, maxItems: number, signal: AbortSignal): Promise<unknown[]>;
}

/** An SDK list operation (`ml.onlineEndpoints.list(rg, ws, options)`), read page by page. */
export type ListOperation = (options: CallOptions) => { byPage(): AsyncIterableIterator<unknown> };

export interface ArmClientDeps {
  readonly auth: AuthService;
  readonly accountId: string;
  readonly environment: Environment;
  readonly send: HttpsSend;
  readonly logger: Logger;
  readonly limits?: Partial<ArmLimits>;
}

/**
 * SDK policies that would attach a token of their own, follow redirects, retry on their own terms, use a proxy
 * Airlock does not know, log, or ask for gzip (Airlock's HTTP port reads plain text; Chromium's decompresses
 * itself, node:https would hand back compressed bytes).
 */
const DROPPED_POLICIES = ['bearerTokenAuthenticationPolicy', 'redirectPolicy', 'defaultRetryPolicy', 'proxyPolicy', 'logPolicy', 'tracingPolicy', 'decompressResponsePolicy'];

export function createArmClient(deps: ArmClientDeps): ArmClient {
  const limits = { ...DEFAULT_ARM_LIMITS, ...deps.limits };
  const base = new URL(deps.environment.armEndpoint);
  const endpoint = base.origin;
  const credential = armCredential(deps.auth, deps.accountId);
  const httpClient = armHttpClient({ send: deps.send, base, maxResponseBytes: limits.maxResponseBytes, requestTimeoutMs: limits.requestTimeoutMs });
  const clients = new Map<string, AzureMachineLearningWorkspaces>();

  function airlockPipeline(pipeline: Pipeline): void {
    for (const name of DROPPED_POLICIES) pipeline.removePolicy({ name });
    pipeline.addPolicy(boundedRetryPolicy({ maxRetries: limits.maxRetries, delayMs: limits.retryDelayMs }), { phase: 'Retry' });
    pipeline.addPolicy(hostPinPolicy(base), { phase: 'Sign' });
    pipeline.addPolicy(signInPolicy({ credential, auth: deps.auth, accountId: deps.accountId, logger: deps.logger, scope: `${endpoint}/.default` }), { phase: 'Sign', afterPolicies: [HOST_PIN_POLICY] });
  }

  const ml = (subscriptionId: string): AzureMachineLearningWorkspaces => {
    let client = clients.get(subscriptionId);
    if (!client) {
      client = new AzureMachineLearningWorkspaces(credential, subscriptionId, { endpoint, $host: endpoint, httpClient, allowInsecureConnection: false });
      airlockPipeline(client.pipeline);
      clients.set(subscriptionId, client);
    }
    return client;
  };
  // Paths the SDK has no operation for go through a client's pipeline all the same (same policies).
  const anyClient = () => ml('00000000-0000-0000-0000-000000000000');

  async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
    const response = await anyClient().sendRequest(createPipelineRequest({ url, method: 'GET', abortSignal: signal, headers: undefined }));
    if (response.status !== 200) throw armError({ status: response.status, text: response.bodyAsText ?? '', retryAfter: response.headers.get('retry-after') });
    return parseJson(response.bodyAsText ?? '');
  }

  const pageOf = (body: unknown): { value: unknown[]; nextLink: string | null } => {
    const page = body !== null && typeof body === 'object' ? (body as { value?: unknown; nextLink?: unknown }) : {};
    return { value: Array.isArray(page.value) ? page.value : [], nextLink: typeof page.nextLink === 'string' && page.nextLink ? page.nextLink : null };
  };

  async function collectSome(list: ListOperation, maxItems: number, signal: AbortSignal): Promise<{ items: unknown[]; more: boolean }> {
    const items: unknown[] = [];
    const links = new Set<string>();
    let pages = 0;
    let looped = false;
    let cut = false;
    let nextLeft = false;
    const onResponse: CallOptions['onResponse'] = (response, _flat, error) => {
      if (error) return;
      pages += 1;
      const body = pageOf(parseJson(response.bodyAsText ?? ''));
      const room = Math.max(0, maxItems - items.length);
      if (body.value.length > room) cut = true;
      items.push(...body.value.slice(0, room));
      nextLeft = body.nextLink !== null;
      // A nextLink seen before is a loop: stop now rather than at the page cap.
      if (body.nextLink !== null && (links.has(body.nextLink) || !links.add(body.nextLink))) looped = true;
    };
    for await (const _page of list({ abortSignal: signal, onResponse }).byPage()) {
      if (items.length >= maxItems || pages >= limits.maxPages || looped) {
        if (pages >= limits.maxPages || looped) deps.logger.log('warn', 'azureml.page_cap', { pages, looped });
        break;
      }
    }
    return { items, more: cut || looped || (nextLeft && (items.length >= maxItems || pages >= limits.maxPages)) };
  }

  return {
    ml,

    async call(run) {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => (controller.abort(), reject(timedOut())), limits.deadlineMs);
      });
      try {
        return await Promise.race([run(controller.signal), deadline]);
      } catch (thrown) {
        throw typed(thrown);
      } finally {
        clearTimeout(timer);
        controller.abort(); // anything still under way for this call stops (a page cap's unread rest)
      }
    },

    async rawOf(operation, signal) {
      let raw: unknown = null;
      await operation({ abortSignal: signal, onResponse: (response, _flat, error) => void (error ? undefined : (raw = parseJson(response.bodyAsText ?? ''))) });
      return raw;
    },

    async collect(list, maxItems, signal) {
      return (await collectSome(list, maxItems, signal)).items;
    },

    collectSome,

    async listRaw(path, apiVersion, maxItems, signal) {
      const items: unknown[] = [];
      let next: string | null = new URL(`${path}?api-version=${encodeURIComponent(apiVersion)}`, base).href;
      const links = new Set<string>([next]);
      for (let page = 0; next && page < limits.maxPages && items.length < maxItems; page += 1) {
        const body = pageOf(await getJson(next, signal));
        items.push(...body.value.slice(0, maxItems - items.length));
        next = body.nextLink !== null && !links.has(body.nextLink) ? body.nextLink : null; // a link seen before is a loop
        if (next) links.add(next);
        if (next && page + 1 >= limits.maxPages) deps.logger.log('warn', 'azureml.page_cap', { pages: page + 1 });
      }
      return items;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw unreadable();
  }
}

/** Any failure of a call as an Airlock error: ARM's answer by its status and code, never the SDK's message. */
export function typed(thrown: unknown): AirlockError {
  if (thrown instanceof AirlockError) return thrown;
  if (isRestError(thrown)) {
    const response = thrown.response;
    if (response && typeof thrown.statusCode === 'number' && thrown.statusCode >= 300) {
      return armError({ status: thrown.statusCode, text: response.bodyAsText ?? '', retryAfter: response.headers.get('retry-after') ?? undefined });
    }
    if (thrown.code === 'PARSE_ERROR' || response) return unreadable();
  }
  if ((thrown as { name?: unknown } | null)?.name === 'AbortError') return timedOut();
  return transportError(thrown);
}
