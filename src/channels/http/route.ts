import type { Next, Request, Response } from 'restify';
import { isStorageOutage } from '../../infrastructure/storage/errors';
import { HTTP_ERRORS } from '../../presentation/messages';
import { errorBody } from './errors';
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
          if (isStorageOutage(err)) {
            res.header('Retry-After', '60');
            res.json(503, errorBody(503, HTTP_ERRORS.storageUnavailable));
            next();
          } else if (sendError(res, err)) next();
          else next(err instanceof Error ? err : new Error(String(err)));
        },
      );
  };
}
