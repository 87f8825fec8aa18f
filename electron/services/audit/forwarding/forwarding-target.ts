// Where records are forwarded, as the admin policy names it (`forwarding: {host, port, format, caCertPath?}`),
// in the audit service's own terms (the policy service's ForwardingTarget has the same shape; the composition
// root hands it over). Also the name of the target's durable cursor in the trail and its label in words.
import type { ForwardingFormat } from './syslog-message';

export interface ForwardingTarget {
  readonly host: string;
  readonly port: number;
  readonly format: ForwardingFormat;
  /** A PEM file with the CA that signs the collector's certificate; absent: the system's trusted CAs. */
  readonly caCertPath?: string;
}

export function sameTarget(a: ForwardingTarget | null, b: ForwardingTarget | null): boolean {
  if (a === null || b === null) return a === b;
  return a.host === b.host && a.port === b.port && a.format === b.format && a.caCertPath === b.caCertPath;
}

/**
 * One cursor per collector (host and port): a new collector starts from the oldest record the trail still
 * holds; changing only the format or the CA file continues where the collector was.
 */
export function cursorName(target: ForwardingTarget): string {
  return `forwarding:${target.host.toLowerCase()}:${target.port}`;
}

/** `siem.example:6514`, `[2001:db8::1]:6514`. */
export function targetLabel(target: Pick<ForwardingTarget, 'host' | 'port'>): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
