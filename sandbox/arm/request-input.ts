// Parses what a caller sent into safe pieces: the raw path split into decoded segments (rejecting `.`/`..`,
// encoded slashes, backslashes, control characters and empty segments — no URL normalisation, so a
// traversal can never change which resource is addressed), the query (keys case-insensitive), the
// api-version and a JSON body. Everything it rejects becomes a 400 ARM error; it never throws anything else.
import { ArmError, badRequest, quoted } from './arm-error';

export const ML_API_VERSIONS = ['2024-04-01', '2022-10-01'] as const;
/** Microsoft.Resources (subscriptions, resource groups) also answers its own common versions. */
export const RESOURCES_API_VERSIONS = [...ML_API_VERSIONS, '2022-12-01', '2021-04-01', '2020-01-01'] as const;

export interface ParsedTarget {
  /** The path exactly as received (validated), used for nextLink. */
  readonly rawPath: string;
  readonly segments: readonly string[];
  /** Query parameters in order; lookups through `param` are case-insensitive. */
  readonly query: ReadonlyArray<readonly [string, string]>;
}

const MAX_URL = 8192;

function invalidName(segment: string): ArmError {
  return badRequest(
    'InvalidResourceName',
    `The resource name '${quoted(segment)}' is invalid. Names cannot be '.' or '..' and cannot contain '/', '\\', '%' sequences that decode to them, or control characters.`,
  );
}

export function parseTarget(url: string | undefined): ParsedTarget {
  if (!url || url.length > MAX_URL) throw new ArmError(414, 'RequestUriTooLong', `The request URI is empty or longer than ${MAX_URL} characters.`);
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  if (!rawPath.startsWith('/')) throw badRequest('InvalidRequestUri', 'The request URI must be an absolute path.');
  const parts = rawPath.split('/').slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  const segments = parts.map((raw) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw invalidName(raw);
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\\u0000-\u001f\u007f]/.test(decoded) || decoded.length > 260) throw invalidName(decoded || raw);
    return decoded;
  });
  let query: Array<[string, string]>;
  try {
    query = [...new URLSearchParams(rawQuery)];
  } catch {
    throw badRequest('InvalidQueryParameterValue', 'The query string could not be parsed.');
  }
  return { rawPath, segments, query };
}

export function param(target: ParsedTarget, name: string): string | undefined {
  const lower = name.toLowerCase();
  return target.query.find(([k]) => k.toLowerCase() === lower)?.[1];
}

export function checkApiVersion(target: ParsedTarget, supported: readonly string[]): string {
  const version = param(target, 'api-version');
  if (version === undefined || version === '') {
    throw badRequest('MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!supported.includes(version)) {
    throw badRequest(
      'InvalidApiVersionParameter',
      `The api-version '${quoted(version)}' is invalid. The supported versions are '${supported.join(',')}'.`,
    );
  }
  return version;
}

/** JSON body of a POST; an empty body is `{}`. Malformed JSON is a 400 InvalidRequestContent. */
export function jsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('InvalidRequestContent', 'The request content was invalid and could not be deserialized: the body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('InvalidRequestContent', 'The request content was invalid and could not be deserialized: a JSON object was expected.');
  }
  return value as Record<string, unknown>;
}
