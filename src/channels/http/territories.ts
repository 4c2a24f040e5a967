import type { Server } from 'restify';
import { errorBody } from './errors';
import { HTTP_ERRORS } from '../../presentation/messages';
import type { KnowledgeBase } from '../../domain/knowledge-base';
import type { ReferentView, Territory, TerritoryMember, Wave } from '../../domain/types';
import { parseWave, sendJson, waveParam } from './params';
import { route } from './route';

/** Short, because an administrator's referent import must show up within a minute. */
const PUBLIC_CACHE = 'public, max-age=60';

export interface TerritorySummary {
  id: string;
  name: string;
  wave: Wave;
  region: string;
  regionCode: string;
  memberCount: number;
  /** How many of the 4 operators have designated a named referent. */
  referentsDesignated: number;
}

export interface TerritoryDetail extends TerritorySummary {
  communeCount: number;
  members: Array<TerritoryMember & { communeCount: number }>;
  referents: ReferentView[];
  source: string;
}

export function summarize(kb: KnowledgeBase, t: Territory): TerritorySummary {
  return {
    id: t.id,
    name: t.name,
    wave: t.wave,
    region: t.regionName,
    regionCode: t.regionCode,
    memberCount: t.members.length,
    referentsDesignated: kb.referents(t).filter((r) => r.kind === 'named').length,
  };
}

export function detail(kb: KnowledgeBase, t: Territory): TerritoryDetail {
  const referents = kb.referents(t);
  return {
    ...summarize(kb, t),
    referentsDesignated: referents.filter((r) => r.kind === 'named').length,
    communeCount: new Set(kb.communesOf(t)).size,
    members: t.members.map((m) => ({
      kind: m.kind,
      code: m.code,
      name: m.name,
      communeCount: m.kind === 'commune' ? 1 : (kb.geo.groupings.get(m.code)?.memberCodes.length ?? 0),
    })),
    referents,
    source: t.source,
  };
}

const TERRITORY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface TerritoryRouteDeps {
  kb: KnowledgeBase;
  /** The list served when the request names none (DEFAULT_WAVE). */
  defaultWave: Wave;
}

export function registerTerritories(server: Server, deps: TerritoryRouteDeps): void {
  const { kb, defaultWave } = deps;

  server.get(
    '/api/territories',
    route((req, res) => {
      const wave = waveParam(req, kb.waves()) ?? defaultWave;
      const territories = kb.territories(wave).map((t) => summarize(kb, t));
      sendJson(res, 200, { wave, waves: kb.waves(), count: territories.length, territories }, PUBLIC_CACHE);
    }),
  );

  server.get(
    '/api/territories/:wave/:id',
    route((req, res) => {
      const params = (req.params ?? {}) as Record<string, string | undefined>;
      const wave = parseWave(params.wave ?? '', kb.waves(), 'wave', { required: true });
      const id = params.id ?? '';
      const territory = TERRITORY_ID.test(id) ? kb.territory(wave, id) : undefined;
      if (!territory) {
        sendJson(res, 404, errorBody(404, HTTP_ERRORS.noTerritory(id.slice(0, 64), wave)), 'no-store');
        return;
      }
      sendJson(res, 200, detail(kb, territory), PUBLIC_CACHE);
    }),
  );
}
