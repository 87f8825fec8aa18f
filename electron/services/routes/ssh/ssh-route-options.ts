// What openSshRoute needs: the transport (a TCP socket to the jump host, or an Azure Bastion tunnel — the same
// code path), who signs in and how, and how the jump host's key is trusted. The ports here (confirm, passphrase,
// known-hosts store) are answered by main in wave 2 (a dialog, the user's data folder). Nothing here holds a
// secret: a passphrase is asked for when needed and never kept, and key files are named by path only.
import type { Duplex } from 'node:stream';
import type { Clock, Logger } from '../../ports';

/** How the user signs in to the jump host. `agent`: SSH_AUTH_SOCK's path, or 'pageant' on Windows. */
export type SshUserAuth = { readonly kind: 'key-file'; readonly path: string } | { readonly kind: 'agent'; readonly socketPath: string };

/** Where a host's key is remembered after the user trusted it on first use (known-hosts-store.ts). */
export interface KnownHostsStore {
  /** The remembered `SHA256:…` for host:port, or null. */
  get(host: string, port: number): Promise<string | null>;
  remember(host: string, port: number, fingerprint: string): Promise<void>;
}

/** Asks the user whether to trust a key seen for the first time (wave 2: a dialog showing the fingerprint). */
export type HostKeyConfirm = (request: { readonly host: string; readonly port: number; readonly fingerprint: string }) => Promise<boolean>;

/**
 * Asks for an encrypted key file's passphrase (owned by main: a dialog or the CLI's tty). Resolves null when
 * the user cancels. The answer is used once to decrypt the key and is never logged or kept.
 */
export type PassphrasePrompt = (request: {
  readonly host: string;
  readonly keyPath: string;
  readonly attempt: number;
  /** The connect's signal: once it aborts nobody waits for the answer, and the prompt is closed (answered null). */
  readonly signal?: AbortSignal;
}) => Promise<string | null>;

/** How the jump host's key is trusted. A pinned fingerprint (from the environment) wins over the store. */
export interface HostKeyPolicy {
  /** `SHA256:<43 base64 chars>`, as `ssh-keygen -lf` prints it. */
  readonly pinned?: string;
  /** Policy: may an unknown key be trusted after the user confirms it? false → E_HOST_KEY_UNKNOWN. */
  readonly allowFirstUse: boolean;
  readonly store: KnownHostsStore;
  /** Without it, first use is refused like allowFirstUse=false. */
  readonly confirm?: HostKeyConfirm;
}

/**
 * What happened to the host key, for the audit trail (wave 2). `changed` is the one that must be audited;
 * the others say how a connection came to be trusted. Fingerprints only, never keys.
 */
export interface HostKeyEvent {
  readonly kind: 'pinned-match' | 'remembered-match' | 'first-use-trusted' | 'first-use-declined' | 'unknown-refused' | 'changed';
  readonly via: 'jump' | 'bastion';
  readonly host: string;
  readonly port: number;
  readonly presented: string;
  /** The pinned or remembered fingerprint (set for `changed` and the matches). */
  readonly expected?: string;
}

export interface OpenSshRouteOptions {
  readonly via: 'jump' | 'bastion';
  /** Opens the transport to the SSH server: TCP to the jump host, or a Bastion tunnel stream. Called once. */
  readonly socket: (signal: AbortSignal) => Promise<Duplex>;
  /** The SSH server as people know it and as the known-hosts store keys it (`127.0.0.1`, `vm-jumpbox`). */
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly auth: SshUserAuth;
  readonly hostKey: HostKeyPolicy;
  /** Needed only for an encrypted key file; without it such a key fails E_SSH_AUTH. */
  readonly passphrase?: PassphrasePrompt;
  /** Told about every host-key decision (the `changed` event is also in the E_HOST_KEY_CHANGED error). */
  readonly onHostKeyEvent?: (event: HostKeyEvent) => void;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Aborts opening (not an open route: close() it). */
  readonly signal?: AbortSignal;
  /** Handshake + sign-in deadline; E_TIMEOUT after it. Default 20 s. */
  readonly readyTimeoutMs?: number;
  /** SSH keepalive period; 3 unanswered keepalives drop the route. Default 15 s. */
  readonly keepaliveIntervalMs?: number;
  /** `target` of the connection, for people; default `host:port as username`. */
  readonly target?: string;
}
