import { randomBytes } from 'node:crypto';

/**
 * Exchanges the Direct Line secret for a conversation token at Azure Bot Service. The secret
 * only travels in the Authorization header of this server-to-server call: never in a response,
 * an error or a log line.
 */
export interface DirectLineToken {
  token: string;
  conversationId: string;
  expires_in: number;
}

export class TokenExchangeError extends Error {
  constructor(readonly reason: string) {
    super(`Direct Line token exchange failed: ${reason}`);
    this.name = 'TokenExchangeError';
  }
}

export async function exchangeSecret(endpoint: string, secret: string, timeoutMs: number): Promise<DirectLineToken> {
  let res: globalThis.Response;
  try {
    res = await fetch(`${endpoint}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      // A "dl_" user id binds the token to that user (Azure then refuses another from.id).
      body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('base64url')}` } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new TokenExchangeError(err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'unreachable');
  }
  // The body is read but never repeated: an error page may quote the request.
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new TokenExchangeError(`HTTP ${res.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new TokenExchangeError('answer is not JSON');
  }
  const { token, conversationId, expires_in } = (body ?? {}) as Record<string, unknown>;
  if (typeof token !== 'string' || token === '' || token === secret || typeof conversationId !== 'string') {
    throw new TokenExchangeError('answer has no token');
  }
  return { token, conversationId, expires_in: typeof expires_in === 'number' && Number.isFinite(expires_in) ? expires_in : 1800 };
}
