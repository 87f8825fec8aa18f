// Parses a scoring request body into `input_data` and the optional `params`. The only param the sandbox
// reads is `simulated_latency_ms` (sandbox-only knob: how long "model execution" takes, in ms, 0..600000);
// other params are passed over, as an MLflow model without a params schema would. Throws InputError with
// a message a caller can act on; it must never throw anything else for any bytes it is given.
import { InputError, isRecord, preview } from './models/model';

export const MAX_SIMULATED_LATENCY_MS = 600_000;

export interface ScoringBody {
  readonly inputData: unknown;
  readonly simulatedLatencyMs: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function parseScoringBody(bytes: Buffer): ScoringBody {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new InputError('The request body is not valid UTF-8.', 'MALFORMED_REQUEST');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A fixed message: Node's parse errors quote the input, and error bodies never echo the request.
    throw new InputError('Failed to parse the request body as JSON.', 'MALFORMED_REQUEST');
  }
  if (!isRecord(json)) throw new InputError('The request body must be a JSON object with an "input_data" field.');
  if (!Object.hasOwn(json, 'input_data')) {
    const hint = Object.hasOwn(json, 'data') || Object.hasOwn(json, 'inputs') || Object.hasOwn(json, 'dataframe_split') ? ' (MLflow 2 models on online endpoints take "input_data")' : '';
    throw new InputError(`The request body has no "input_data" field${hint}.`);
  }
  let simulatedLatencyMs = 0;
  if (Object.hasOwn(json, 'params')) {
    const params = json['params'];
    if (!isRecord(params)) throw new InputError(`"params" must be an object, got ${preview(params)}.`);
    if (Object.hasOwn(params, 'simulated_latency_ms')) {
      const value = params['simulated_latency_ms'];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SIMULATED_LATENCY_MS) {
        throw new InputError(`params.simulated_latency_ms must be an integer from 0 to ${MAX_SIMULATED_LATENCY_MS}, got ${preview(value)}.`);
      }
      simulatedLatencyMs = value;
    }
  }
  return { inputData: json['input_data'], simulatedLatencyMs };
}

/** application/json, optionally with parameters (charset=utf-8). */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}
