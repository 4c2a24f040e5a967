import type { Next, Request, Response } from 'restify';
import { sendError } from './params';

/**
 * Adapts an async handler to restify's callback style: parameter problems become 400 answers,
 * anything else goes to restify, whose error handler answers a 500 without internals.
 */
export function route(handler: (req: Request, res: Response) => Promise<void> | void) {
  return (req: Request, res: Response, next: Next): void => {
    Promise.resolve()
      .then(() => handler(req, res))
      .then(
        () => next(),
        (err: unknown) => {
          if (sendError(res, err)) next();
          else next(err instanceof Error ? err : new Error(String(err)));
        },
      );
  };
}
