import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Deadlines and caps on the server's TCP connections, so that connections which send nothing,
 * send their headers or body a byte at a time, or pile up from one client cannot hold the
 * server's file descriptors.
 *
 * Node's own `headersTimeout` and `requestTimeout` are checked only every 30 s
 * (`connectionsCheckingInterval`, fixed when restify creates the server) and never apply to a
 * connection that has sent nothing at all: measured, such a connection stayed open for good and a
 * slow-headers one for 31 s with a 3 s `headersTimeout`. Hence a timer per connection here, armed
 * while the server waits for the client and cleared while a handler works on a request.
 */
export interface ConnectionPolicy {
  /** From the connection (or the end of the previous answer) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** From the end of the headers to the end of the body. */
  bodyTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long (Node's `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Open connections in all; more are closed as soon as accepted (Node's `maxConnections`). */
  maxConnections: number;
  /** Open connections per remote address; 0 for none (behind a proxy every client shares its address). */
  maxConnectionsPerClient: number;
}

export const DEFAULT_CONNECTION_POLICY: ConnectionPolicy = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1000,
  maxConnectionsPerClient: 100,
};

/**
 * Behind a reverse proxy, node must not close an idle connection the proxy is about to reuse
 * (the proxy would answer 502): it keeps it longer than the proxy does. Azure App Service's front
 * end, nginx (`keepalive_timeout` 60 s upstream) and Azure load balancers reuse for at most 60 s.
 */
export const BEHIND_PROXY_KEEP_ALIVE_MS = 65_000;

const deadlines = new WeakMap<Socket, NodeJS.Timeout>();

function disarm(socket: Socket): void {
  const timer = deadlines.get(socket);
  if (timer) clearTimeout(timer);
  deadlines.delete(socket);
}

function arm(socket: Socket, ms: number): void {
  disarm(socket);
  if (socket.destroyed) return;
  const timer = setTimeout(() => socket.destroy(), ms);
  timer.unref();
  deadlines.set(socket, timer);
}

const hasBody = (req: IncomingMessage) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** Applies the policy to a listening (or about to listen) Node HTTP server. */
export function limitConnections(server: Server, policy: ConnectionPolicy): void {
  // Second line of defence, at Node's coarser granularity.
  server.headersTimeout = policy.headersTimeoutMs;
  server.requestTimeout = policy.headersTimeoutMs + policy.bodyTimeoutMs;
  server.keepAliveTimeout = policy.keepAliveTimeoutMs;
  server.maxConnections = policy.maxConnections;

  const perClient = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    if (policy.maxConnectionsPerClient > 0) {
      const address = socket.remoteAddress ?? '';
      const open = (perClient.get(address) ?? 0) + 1;
      if (open > policy.maxConnectionsPerClient) {
        socket.destroy();
        return;
      }
      perClient.set(address, open);
      socket.once('close', () => {
        const left = (perClient.get(address) ?? 1) - 1;
        if (left > 0) perClient.set(address, left);
        else perClient.delete(address);
      });
    }
    socket.once('close', () => disarm(socket));
    arm(socket, policy.headersTimeoutMs);
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    if (hasBody(req)) {
      arm(socket, policy.bodyTimeoutMs);
      req.once('end', () => disarm(socket));
    } else {
      disarm(socket);
    }
    // The next request on a kept-alive connection: Node closes it when idle, this when it dawdles.
    res.once('finish', () => arm(socket, policy.keepAliveTimeoutMs + policy.headersTimeoutMs));
  });

  // A WebSocket has its own heartbeat (the local Direct Line pings every 30 s).
  server.on('upgrade', (req: IncomingMessage) => disarm(req.socket));
}
