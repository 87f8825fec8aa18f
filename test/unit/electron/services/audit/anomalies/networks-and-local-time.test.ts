// The two small pieces under the hints: which network an address belongs to (/24, /64; link-local is none),
// and local time in a zone (hour of the week, weekday, clock) including a daylight-saving change.
import { describe, expect, it } from 'vitest';
import { createLocalTime } from '../../../../../../electron/services/audit/anomalies/local-time';
import { networkOf } from '../../../../../../electron/services/audit/anomalies/networks';

describe('networkOf', () => {
  it.each([
    ['192.0.2.77', '192.0.2.0/24'],
    ['10.1.2.3', '10.1.2.0/24'],
    ['2001:db8:1:2::a', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:0:0:1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8::/64'],
    ['2001:db8:0:5::1%eth0', '2001:db8:0:5::/64'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['fe80::1', null],
    ['fe80::1%wlan0', null],
    ['169.254.10.20', null],
    ['not-an-address', null],
    ['1:2:3:4:5:6:7:8:9', null],
  ])('%s → %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });
});

describe('local time', () => {
  it('hour of the week from Monday 00:00, weekday and clock in the zone, across a daylight-saving change', () => {
    const berlin = createLocalTime('Europe/Berlin');
    const winter = Date.parse('2026-11-28T02:10:00Z'); // Saturday 03:10 CET (+1)
    expect(berlin.hourOfWeek(winter)).toBe(5 * 24 + 3);
    expect(berlin.dayWords(winter)).toBe('Saturday');
    expect(berlin.clockWords(winter)).toBe('03:10');
    const summer = Date.parse('2026-06-29T07:30:00Z'); // Monday 09:30 CEST (+2)
    expect(berlin.hourOfWeek(summer)).toBe(9);
    expect(berlin.clockWords(summer)).toBe('09:30');
    // Sunday 23:30 local is the last hour of the week; the week changes at Monday 00:00 local.
    const sundayNight = Date.parse('2026-11-29T22:30:00Z');
    expect(berlin.hourOfWeek(sundayNight)).toBe(167);
    expect(berlin.week(sundayNight + 3_600_000)).toBe(berlin.week(sundayNight) + 1);
  });
});
