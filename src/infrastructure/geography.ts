import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Geography, type Commune } from '../domain/geography';

/**
 * Reads @etalab/decoupage-administratif's data. Its own entry point reads ./data relative to the
 * working directory, so the JSON files are loaded directly.
 */

interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  siren?: string;
  population?: number;
  chefLieu?: string;
  commune?: string;
}

interface RawGrouping {
  code: string;
  nom: string;
  membres: Array<{ code: string }>;
}

export function decoupageDataDir(): string {
  return path.join(path.dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
}

export function loadGeography(dataDir: string = decoupageDataDir()): Geography {
  const geo = new Geography();
  for (const r of readJson<Array<{ code: string; nom: string }>>(dataDir, 'regions.json')) {
    geo.regions.set(r.code, { code: r.code, name: r.nom });
  }
  for (const d of readJson<Array<{ code: string; nom: string; region: string }>>(dataDir, 'departements.json')) {
    geo.departments.set(d.code, { code: d.code, name: d.nom, region: d.region });
  }

  const epciOf = new Map<string, string>();
  const eptOf = new Map<string, string>();
  for (const [file, kind, index] of [
    ['epci.json', 'epci', epciOf],
    ['ept.json', 'ept', eptOf],
  ] as const) {
    for (const g of readJson<RawGrouping[]>(dataDir, file)) {
      const memberCodes = g.membres.map((m) => m.code);
      geo.groupings.set(g.code, { code: g.code, name: g.nom, kind, memberCodes });
      for (const code of memberCodes) index.set(code, g.code);
    }
  }

  const raw = readJson<RawCommune[]>(dataDir, 'communes.json');
  for (const c of raw) {
    if (c.type !== 'commune-actuelle') continue;
    const department = c.departement ?? '';
    const region = c.region ?? '';
    const commune: Commune = {
      code: c.code,
      name: c.nom,
      department,
      departmentName: geo.departments.get(department)?.name ?? '',
      region,
      regionName: geo.regions.get(region)?.name ?? '',
      postalCodes: c.codesPostaux ?? [],
      siren: c.siren ?? '',
      population: c.population ?? 0,
      epci: epciOf.get(c.code) ?? null,
      ept: eptOf.get(c.code) ?? null,
    };
    geo.communes.set(commune.code, commune);
    if (commune.siren) geo.bySiren.set(commune.siren, commune);
    for (const cp of commune.postalCodes) {
      const list = geo.byPostalCode.get(cp);
      if (list) list.push(commune);
      else geo.byPostalCode.set(cp, [commune]);
    }
  }
  for (const c of raw) {
    if (c.type === 'arrondissement-municipal' && c.commune) {
      geo.arrondissements.set(c.code, { name: c.nom, communeCode: c.commune });
    } else if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
      // A commune déléguée often keeps the current commune's own name and code; only the
      // distinct old names are useful for resolution.
      const current = geo.communes.get(c.chefLieu);
      if (!current || current.name === c.nom) continue;
      geo.formerCommunes.push({
        code: c.code,
        name: c.nom,
        currentCode: c.chefLieu,
        kind: c.type === 'commune-deleguee' ? 'deleguee' : 'associee',
      });
    }
  }
  return geo;
}
