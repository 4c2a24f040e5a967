import http from 'node:http';
import net from 'node:net';

/** What a raw HTTP exchange gave: the answer (if any) and whether the server closed the connection. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * POSTs a body exactly as given (no encoding by the client), and resolves with the answer even when
 * the server answers and closes before reading the whole body.
 */
export function rawPost(url: string, headers: Record<string, string>, body: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Length': String(body.length), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    // An early answer makes the rest of the upload fail; the answer is what counts.
    req.on('error', (err) => setTimeout(() => reject(err), 2000));
    req.end(body);
  });
}

/** A raw TCP connection to the server, with when (ms after opening) the server closed it. */
export class RawConnection {
  readonly socket: net.Socket;
  readonly opened = Date.now();
  closedAfterMs: number | null = null;
  received = '';
  readonly closed: Promise<number>;

  constructor(url: string, options: { localAddress?: string } = {}) {
    const { hostname, port } = new URL(url);
    this.socket = net.connect({ host: hostname, port: Number(port), ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    this.socket.on('data', (c: Buffer) => (this.received += c.toString()));
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      this.socket.once('close', () => {
        this.closedAfterMs = Date.now() - this.opened;
        resolve(this.closedAfterMs);
      }),
    );
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.socket.connecting) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
  }

  /** Writes `text`, then one more header-ish line every `everyMs` until the server closes. */
  trickle(text: string, everyMs: number, next = 'X-Slow: 1\r\n'): void {
    this.socket.write(text);
    const timer = setInterval(() => {
      if (this.socket.destroyed) clearInterval(timer);
      else this.socket.write(next);
    }, everyMs);
    this.socket.once('close', () => clearInterval(timer));
  }

  destroy(): void {
    this.socket.destroy();
  }
}
