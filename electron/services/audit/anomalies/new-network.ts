// new-network: this account used a machine network (/24 IPv4, /64 IPv6) or a route it had not used before
// (within the history Airlock keeps). A network stays "new" for newForMs after its first use; the hint is
// active while the account's newest call came from a new one. An account Airlock has known for less than
// learningMs has nothing to compare with, so none of its networks is new.
import { ANOMALY_THRESHOLDS as T } from './anomaly-hint';
import type { AccountActivity, PlaceUse } from './account-activity';
import type { Episode } from './episode';

const { newForMs, learningMs } = T.newNetwork;

const ROUTE_WORDS: Readonly<Record<string, string>> = { none: 'no route', direct: 'a direct connection', vpn: 'VPN', ssh: 'an SSH tunnel', bastion: 'Azure Bastion' };

function isNew(account: AccountActivity, use: PlaceUse | undefined, now: number): use is PlaceUse {
  return use !== undefined && use.first > now - newForMs && use.first <= now && use.first - account.firstAt >= learningMs;
}

export function newNetworkNow(account: AccountActivity, now: number): boolean {
  return (account.latest?.places ?? []).some((place) => isNew(account, account.places.get(place), now));
}

function words(account: AccountActivity, place: string): string {
  const who = account.accountId === null ? 'on this computer while nobody was signed in' : 'by this account';
  if (place.startsWith('route:')) {
    const route = place.slice('route:'.length);
    return `First use of a new route ${who}: over ${ROUTE_WORDS[route] ?? route}, not used in the last 30 days.`;
  }
  return `First use of the network ${place.slice('net:'.length)} ${who} (this computer's address), not seen in the last 30 days.`;
}

export function newNetworkEpisodes(account: AccountActivity, now: number): Episode[] {
  const episodes: Episode[] = [];
  for (const [place, use] of account.places) {
    if (!isNew(account, use, now)) continue;
    episodes.push({ kind: 'new-network', since: use.first, last: use.earliest.at(-1)?.t ?? use.first, events: use.earliest, summary: words(account, place) });
  }
  return episodes;
}
