import type { Server } from 'restify';
import type { Services } from '../../app';
import { queryParam, sendJson, waveParam } from './params';
import { route } from './route';

/**
 * `GET /api/lookup?q=...&wave=...`: the LookupResult contract, as the bot and the CLI compute
 * it. Never cached anywhere: the query may be a SIRET, and the answer reflects the live base.
 */
export function registerLookup(server: Server, services: Services): void {
  server.get(
    '/api/lookup',
    route(async (req, res) => {
      const q = queryParam(req);
      const wave = waveParam(req, services.kb.waves());
      const answer = await services.lookup.lookup(q, wave === undefined ? {} : { wave });
      sendJson(res, 200, answer, 'no-store');
    }),
  );
}
