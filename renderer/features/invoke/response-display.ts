// Pure helpers for the response: the body pretty-printed when it is JSON (else as text; control characters out and
// bidi overrides shown as markers either way), and the timing phases as bar segments.
import type { InvokeResultView } from '../../../shared/contract/schemas/endpoint';
import { cleanLines } from '../../components/inert-text';

/** Pretty JSON (2 spaces) when the body parses, else the body as sent with control characters removed. */
export function prettyBody(body: string): { text: string; json: boolean } {
  try {
    // Cleaned too: JSON.stringify keeps bidi overrides and C1 controls inside strings as they are.
    return { text: cleanLines(JSON.stringify(JSON.parse(body), null, 2)), json: true };
  } catch {
    return { text: cleanLines(body), json: false };
  }
}

export interface Phase {
  readonly key: 'dns' | 'connect' | 'tls' | 'ttfb' | 'download';
  readonly label: string;
  readonly ms: number;
  /** Share of the total, 0..100, for the bar. */
  readonly percent: number;
}

const PHASES = [
  ['dns', 'DNS', 'dnsMs'],
  ['connect', 'Connect', 'connectMs'],
  ['tls', 'TLS', 'tlsMs'],
  ['ttfb', 'Time to first byte', 'ttfbMs'],
  ['download', 'Download', 'downloadMs'],
] as const;

/** The phases that happened (a kept-alive connection has no DNS, connect or TLS), each as a share of the total. */
export function timingPhases(t: InvokeResultView['timings']): Phase[] {
  const total = Math.max(t.totalMs, PHASES.reduce((sum, [, , field]) => sum + (t[field] ?? 0), 0), 0.001);
  return PHASES.filter(([, , field]) => t[field] !== null).map(([key, label, field]) => ({ key, label, ms: t[field] ?? 0, percent: ((t[field] ?? 0) / total) * 100 }));
}

export function msText(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}
