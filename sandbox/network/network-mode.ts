// How the sandbox's private network looks from the client's machine right now: VPN on (the private DNS
// zone answers: privatelink CNAME → 10.x) or off (public answers only), and whether the resolver answers at
// all ('silent' plays a DNS timeout). Changed in process by tests, by `--vpn on|off` at start, and by the
// control file of a running sandbox (network-control.ts). Pure state; it never opens a socket.

export type VpnState = 'on' | 'off';
export type DnsAnswers = 'answer' | 'silent';

export interface NetworkModeState {
  readonly vpn: VpnState;
  readonly dnsAnswers: DnsAnswers;
}

export interface NetworkMode {
  readonly vpn: VpnState;
  readonly dnsAnswers: DnsAnswers;
  setVpn(vpn: VpnState): void;
  setDnsAnswers(answers: DnsAnswers): void;
  /** Called after every change that changed something; returns an unsubscribe. */
  onChange(listener: (state: NetworkModeState) => void): () => void;
}

export function createNetworkMode(initial: Partial<NetworkModeState> = {}): NetworkMode {
  let state: NetworkModeState = { vpn: initial.vpn ?? 'on', dnsAnswers: initial.dnsAnswers ?? 'answer' };
  const listeners = new Set<(state: NetworkModeState) => void>();
  const update = (next: NetworkModeState) => {
    if (next.vpn === state.vpn && next.dnsAnswers === state.dnsAnswers) return;
    state = next;
    for (const listener of [...listeners]) listener(state);
  };
  return {
    get vpn() {
      return state.vpn;
    },
    get dnsAnswers() {
      return state.dnsAnswers;
    },
    setVpn: (vpn) => update({ ...state, vpn }),
    setDnsAnswers: (dnsAnswers) => update({ ...state, dnsAnswers }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
