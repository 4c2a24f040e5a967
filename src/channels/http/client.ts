import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * Who a request comes from, for rate limits: one string per client.
 *
 * Reached directly, the client is the socket's address. Behind `trustedProxies` reverse proxies
 * (Azure App Service's front end is one), each proxy appends the address it received the
 * connection from to `X-Forwarded-For`; whatever the client itself wrote there comes first and is
 * worth nothing. The client is therefore the entry `trustedProxies` places from the right: the
 * address the outermost trusted proxy saw. App Service writes it with its port
 * ("203.0.113.7:52143", "[2001:db8::1]:52143"), which is dropped.
 *
 * An IPv6 client is keyed by its /64: one subscriber usually has a whole /64 and can change
 * address within it at will.
 */
export type ClientKey = (req: IncomingMessage) => string | null;

/** `null` when the client cannot be told: behind a proxy, a request without (enough of) the header. */
export function clientKeyOf(req: IncomingMessage, trustedProxies: number): string | null {
  if (trustedProxies <= 0) return addressKey(req.socket?.remoteAddress ?? '') ?? 'unknown';
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim());
  if (hops.length < trustedProxies) return null;
  return addressKey(hops[hops.length - trustedProxies] ?? '');
}

export function clientKeyFor(trustedProxies: number): ClientKey {
  return (req) => clientKeyOf(req, trustedProxies);
}

/** A normalised address ("203.0.113.7", "2001:db8:0:1::/64"), or null when it is not an IP address. */
export function addressKey(raw: string): string | null {
  let value = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped) value = mapped[1]!;
  if (isIPv4(value)) return value;
  if (!isIPv6(value)) return null;
  return `${expandIPv6(value).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  // An embedded IPv4 tail ("::ffff:1.2.3.4" forms other than the mapped one) only matters past the /64.
  const [head = '', tail = ''] = address.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const left = part(head);
  const right = part(tail);
  const missing = address.includes('::') ? 8 - left.length - right.length : 0;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}
