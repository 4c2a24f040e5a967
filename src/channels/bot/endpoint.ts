import type { Activity, TurnContext } from 'botbuilder';
// Not re-exported by the package's index; what CloudAdapter.process applies to a parsed body.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Request, Response } from 'restify';
import type { ClientKey } from '../http/client';
import { errorBody } from '../http/errors';
import { RateLimiter, SampledLog } from '../http/limiter';
import type { BotAdapter, BotFrameworkAuthentication, VerifiedRequest } from './adapter';
import type { ServiceUrlCheck } from './serviceUrl';

/**
 * POST /api/messages. CloudAdapter.process would verify the caller and run the turn in one call,
 * but it prints every failed verification with its stack trace (console.error) and answers the
 * error's own message: a flood of forged requests filled the log at 956 KiB/s. Here the caller is
 * verified first, each failure is counted against its client (a client over its limit is refused
 * without any verification) and logged as one sampled line, then the turn runs as process() would.
 */
export interface MessagesEndpointOptions {
  adapter: BotAdapter;
  authentication: BotFrameworkAuthentication;
  logic: (context: TurnContext) => Promise<void>;
  clientKey: ClientKey;
  /** Local mode only (no app id): the serviceUrls the bot may answer. Null when tokens are checked. */
  serviceUrlAllowed: ServiceUrlCheck | null;
  log: (message: string) => void;
  /** Failed verifications allowed per client per minute (default 10). */
  failuresPerMinute?: number;
  /** Longest wait for a verification, which may fetch the signing keys (default 10 s). */
  verifyTimeoutMs?: number;
}

class VerifyTimeout extends Error {
  override name = 'VerifyTimeout';
}

export function messagesEndpoint(o: MessagesEndpointOptions): (req: Request, res: Response) => Promise<void> {
  const failures = new RateLimiter(o.failuresPerMinute ?? 10);
  const refused = new SampledLog(o.log, 'Bot request refused');
  const verifyTimeoutMs = o.verifyTimeoutMs ?? 10_000;

  const refuse = (res: Response, client: string, status: number, reason: string): void => {
    failures.take(client);
    refused.note(client, `${status} ${reason}`);
    res.json(status, errorBody(status));
  };

  return async (req, res) => {
    // The guard has refused requests whose client cannot be told, and bodies that are not activities.
    const client = o.clientKey(req) ?? 'unknown';
    const wait = failures.wait(client);
    if (wait > 0) {
      refused.note(client, '429 too many failed verifications');
      res.header('Retry-After', String(wait));
      res.json(429, errorBody(429));
      return;
    }
    const activity = req.body as Activity;
    if (o.serviceUrlAllowed && !o.serviceUrlAllowed(activity.serviceUrl)) {
      refuse(res, client, 403, 'serviceUrl of a channel this local bot does not answer');
      return;
    }
    let verified: VerifiedRequest;
    let timer: NodeJS.Timeout | undefined;
    try {
      verified = await Promise.race([
        o.authentication.authenticateRequest(activity, String(req.headers.authorization ?? '')),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new VerifyTimeout()), verifyTimeoutMs);
        }),
      ]);
    } catch (err) {
      // A fetch failure of the signing keys is not the caller's fault, but the caller is not verified either.
      const name = err instanceof Error ? err.name : 'Error';
      if (err instanceof VerifyTimeout) refuse(res, client, 503, 'token not verified in time (signing keys unreachable?)');
      else refuse(res, client, 401, name === 'AuthenticationError' ? 'token refused' : `token not verified (${name})`);
      return;
    } finally {
      clearTimeout(timer);
    }
    try {
      const invoke = await o.adapter.runVerified(verified, validateAndFixActivity(activity), o.logic);
      if (invoke?.body !== undefined) res.send(invoke.status ?? 200, invoke.body);
      else res.send(invoke?.status ?? 200);
    } catch (err) {
      // Turn errors are answered by onTurnError; what reaches here failed around the turn.
      o.log(`Bot request failed outside the turn: ${err instanceof Error ? err.name : 'Error'}`);
      res.json(500, errorBody(500));
    }
  };
}
