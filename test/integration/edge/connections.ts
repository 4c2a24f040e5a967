import type { App } from '../../../src/app';
import { startApp } from '../../helpers/channel';
import { RawConnection } from './raw';

/**
 * Row 5 of the public-edge review: connections that send nothing, or their headers or body a
 * byte at a time, are closed within 30 s; one client cannot hold more than its share of them.
 * The app runs with its default deadlines (10 s for headers, 20 s for a body).
 */
let app: App;
let url: string;
const PER_CLIENT = 5;
beforeAll(async () => {
  ({ app, url } = await startApp({ MAX_CONNECTIONS_PER_CLIENT: String(PER_CLIENT) }));
});
afterAll(() => app.close());

// Awaiting the four closes is the check; the project's test timeout is its liveness bound (the
// deadlines themselves are the server's, asserted nowhere as durations).
it('closes silent, slow-header, slow-body and idle keep-alive connections', async () => {
  // Each from its own loopback address, so the per-client cap plays no part here.
  const silent = new RawConnection(url, { localAddress: '127.0.0.11' });
  const slowHeaders = new RawConnection(url, { localAddress: '127.0.0.12' });
  const slowBody = new RawConnection(url, { localAddress: '127.0.0.13' });
  const idle = new RawConnection(url, { localAddress: '127.0.0.14' });
  await Promise.all([silent, slowHeaders, slowBody, idle].map((c) => c.connected()));
  slowHeaders.trickle('POST /api/messages HTTP/1.1\r\nHost: fictif\r\n', 1000);
  slowBody.trickle('POST /api/messages HTTP/1.1\r\nHost: fictif\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', 1000, ' ');
  idle.socket.write('GET /health HTTP/1.1\r\nHost: fictif\r\nConnection: keep-alive\r\n\r\n');

  await Promise.all([silent.closed, slowHeaders.closed, slowBody.closed, idle.closed]);
  // The kept-alive connection was answered before it was closed.
  expect(idle.received).toMatch(/^HTTP\/1\.1 200/);
});

it("closes a client's connections beyond its cap at once, and serves other clients meanwhile", async () => {
  const held = Array.from({ length: PER_CLIENT }, () => new RawConnection(url, { localAddress: '127.0.0.21' }));
  await Promise.all(held.map((c) => c.connected()));
  // Accepted, then closed by the server straight away: before any of the held ones, whose
  // headers deadline started earlier, so it was the cap and not a deadline that closed it.
  const extra = new RawConnection(url, { localAddress: '127.0.0.21' });
  await extra.closed;
  expect(held.every((c) => c.closedAfterMs === null)).toBe(true);
  // Another client is served while the first holds its connections.
  const other = new RawConnection(url, { localAddress: '127.0.0.22' });
  other.socket.write('GET /health HTTP/1.1\r\nHost: fictif\r\nConnection: close\r\n\r\n');
  await other.closed;
  expect(other.received).toMatch(/^HTTP\/1\.1 200/);
  for (const c of held) c.destroy();
  await Promise.all(held.map((c) => c.closed));
  // Its slots are free again once it lets go.
  const again = new RawConnection(url, { localAddress: '127.0.0.21' });
  again.socket.write('GET /health HTTP/1.1\r\nHost: fictif\r\nConnection: close\r\n\r\n');
  await again.closed;
  expect(again.received).toMatch(/^HTTP\/1\.1 200/);
});
