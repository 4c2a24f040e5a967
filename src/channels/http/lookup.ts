import type { Server } from 'restify';
import type { KnowledgeBase } from '../../domain/knowledge-base';
import type { LookupService } from '../../domain/resolution/lookup';
import { queryParam, sendJson, waveParam } from './params';
import { route } from './route';

/**
 * `GET /api/lookup?q=...&wave=...`: the LookupResult contract, as the bot and the CLI compute
 * it. Never cached anywhere: the query may be a SIRET, and the answer reflects the live base.
 */
export interface LookupRouteDeps {
  kb: KnowledgeBase;
  lookup: LookupService;
}

export function registerLookup(server: Server, deps: LookupRouteDeps): void {
  server.get(
    '/api/lookup',
    route(async (req, res) => {
      const q = queryParam(req);
      const wave = waveParam(req, deps.kb.waves());
      const answer = await deps.lookup.lookup(q, wave === undefined ? {} : { wave });
      sendJson(res, 200, answer, 'no-store');
    }),
  );
}
