// The port between the forwarder and a collector: one connection that takes bytes and says when they were
// handed to the operating system, and when (and why) it ended. RFC 5425 is one-way: the collector never
// acknowledges, so "sent" here means flushed to this machine's network stack, no more (see
// docs/technical/audit-forwarding.md for what the forwarder builds on it). The TLS adapter is
// tls-collector-link.ts; tests may pass their own.
import type { AirlockError } from '../../../../shared/errors/airlock-error';

export interface CollectorAddress {
  readonly host: string;
  readonly port: number;
}

/** Whom to trust for the collector's certificate: exactly these CAs, or (undefined) the system's. */
export interface CollectorTrust {
  readonly ca: readonly string[] | undefined;
  /** In words, for errors: "the CA file /etc/airlock/siem-ca.pem" or "the system's trusted certificate authorities". */
  readonly described: string;
}

export interface CollectorLink {
  /** Resolves once `data` is flushed to the OS; rejects with an AirlockError in words when the connection failed. */
  send(data: Buffer): Promise<void>;
  /** Whether the connection is still open with nothing gone wrong. */
  isOpen(): boolean;
  /** Called once, when the connection ends: the failure in words, or null when this side closed it. */
  onEnded(listener: (failure: AirlockError | null) => void): void;
  /**
   * Ends this side cleanly (TLS close_notify, then FIN) and resolves true once the collector closed its side
   * too: it read everything up to the end. False when the connection failed instead.
   */
  finish(): Promise<boolean>;
  /** Closes the connection (a TLS close_notify, then the socket). */
  close(): void;
}

/** Opens a verified connection; rejects with an AirlockError in words. `signal` aborts a connection still being made. */
export type ConnectCollector = (address: CollectorAddress, trust: CollectorTrust, signal: AbortSignal) => Promise<CollectorLink>;
