import type { IncomingMessage } from 'node:http';
import { addressKey, clientKeyOf } from '../../../../src/channels/http/client';
import { RateLimiter, SampledLog } from '../../../../src/channels/http/limiter';

const request = (remoteAddress: string, forwarded?: string | string[]) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientKeyOf', () => {
  it.each([
    ['direct: the socket, whatever the header says', request('198.51.100.9', '203.0.113.7'), 0, '198.51.100.9'],
    ['one proxy: the right-most hop, its port dropped', request('10.0.0.1', 'forged-by-client, 203.0.113.7:52143'), 1, '203.0.113.7'],
    ['one proxy: a varying forged first hop changes nothing', request('10.0.0.1', '192.0.2.1, 203.0.113.7'), 1, '203.0.113.7'],
    ['one proxy: repeated headers are one list', request('10.0.0.1', ['192.0.2.1', '203.0.113.7:1']), 1, '203.0.113.7'],
    ['two proxies: the second from the right', request('10.0.0.1', '192.0.2.1, 203.0.113.7, 10.1.2.3'), 2, '203.0.113.7'],
    ['IPv6 behind App Service: bracketed with a port, keyed by its /64', request('10.0.0.1', '[2001:db8:0:1::42]:52143'), 1, '2001:db8:0:1::/64'],
    ['an IPv4-mapped socket address is the IPv4 client', request('::ffff:198.51.100.9'), 0, '198.51.100.9'],
  ])('%s', (_what, req, proxies, key) => {
    expect(clientKeyOf(req, proxies)).toBe(key);
  });

  it.each([
    ['no header behind a proxy', request('10.0.0.1'), 1],
    ['fewer hops than proxies', request('10.0.0.1', '203.0.113.7'), 2],
    ['a hop that is not an address', request('10.0.0.1', '203.0.113.7, unknown'), 1],
    ['an empty header', request('10.0.0.1', ''), 1],
  ])('cannot tell the client: %s', (_what, req, proxies) => {
    expect(clientKeyOf(req, proxies)).toBeNull();
  });

  it('gives every address of one /64 the same key, and another /64 another', () => {
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe(addressKey('2001:DB8:0:1:ffff:1:2:3'));
    expect(addressKey('2001:db8:0:2::1')).not.toBe(addressKey('2001:db8:0:1::1'));
  });
});

describe('RateLimiter', () => {
  it('lets a burst of one minute through, then refills continuously', () => {
    let now = 0;
    const limiter = new RateLimiter(60, { now: () => now });
    const first = Array.from({ length: 61 }, () => limiter.take('a'));
    expect(first.slice(0, 60).every((w) => w === 0)).toBe(true);
    expect(first[60]).toBeGreaterThanOrEqual(1);
    // Another key is not affected.
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.wait('a')).toBe(0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThanOrEqual(1);
  });

  it('forgets the least recently used key past its capacity', () => {
    const limiter = new RateLimiter(1, { maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.wait('a')).toBe(0);
    expect(limiter.wait('c')).toBeGreaterThan(0);
  });
});

describe('SampledLog', () => {
  it('logs the first event, then one summary line at most per interval', () => {
    let now = 0;
    const lines: string[] = [];
    const sampled = new SampledLog(
      (m) => lines.push(m),
      'Bot requests refused',
      60_000,
      () => now,
    );
    for (let i = 0; i < 1000; i++) {
      sampled.note(`client-${i % 7}`, 'InvalidToken');
      now += 100;
    }
    // 100 s of events: the first line, and one summary after 60 s.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/Bot requests refused \(InvalidToken\)/);
    expect(lines[1]).toMatch(/: 600 in the last 60 s from 7 client\(s\)/);
  });
});
