import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Geography, type Commune } from '../domain/geography';

/**
 * Reads @etalab/decoupage-administratif's data. Its own entry point reads ./data relative to the
 * working directory, so the JSON files are loaded directly. `npm run build` also writes the part
 * the product uses to dist/data/geography.json (compactGeography): the built server reads that,
 * 2 MB of arrays, instead of the package's 12.6 MB (a third of a second less before listening).
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

/** The geography, from the compact file of the build when it was made from the installed package, else from the package. */
export function loadGeography(file: string | null = compactGeographyFile()): Geography {
  if (file && existsSync(file)) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as CompactGeography;
    if (doc.meta?.format === COMPACT_FORMAT && doc.meta.version === packageVersion()) return fromCompact(doc);
  }
  return geographyFromPackage();
}

/** Built from the package's own files: what the compact file holds, and what it is checked against. */
export function geographyFromPackage(dataDir: string = decoupageDataDir()): Geography {
  const geo = new Geography();
  const postalCodesOf = sharedLists();
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
      postalCodes: postalCodesOf((c.codesPostaux ?? []).join(' ')),
      siren: c.siren ?? '',
      population: c.population ?? 0,
      epci: epciOf.get(c.code) ?? null,
      ept: eptOf.get(c.code) ?? null,
    };
    index(geo, commune);
  }
  shareMemberCodes(geo);
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

const COMPACT_FORMAT = 1;

/**
 * The geography as the product uses it, in arrays (codes and names; postal codes joined by a
 * space), with the version of the package it was made from. Made at build time, never edited.
 */
export interface CompactGeography {
  meta: { format: number; source: string; version: string; license: string };
  regions: Array<[code: string, name: string]>;
  departments: Array<[code: string, name: string, region: string]>;
  groupings: Array<[code: string, name: string, kind: 'epci' | 'ept', members: string]>;
  communes: Array<[code: string, name: string, department: string, region: string, postalCodes: string, siren: string, population: number]>;
  arrondissements: Array<[code: string, name: string, communeCode: string]>;
  formerCommunes: Array<[code: string, name: string, currentCode: string, kind: 'deleguee' | 'associee']>;
}

function packageVersion(): string {
  const file = require.resolve('@etalab/decoupage-administratif/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * dist/data/geography.json for the built code (this module runs in the production bundle,
 * dist/src/server.js); none when running from the TypeScript sources.
 */
export function compactGeographyFile(): string | null {
  if (__filename.endsWith('.ts')) return null;
  const src = __dirname.lastIndexOf(`${path.sep}src`);
  return src < 0 ? null : path.join(__dirname.slice(0, src), 'data', 'geography.json');
}

export function compactGeography(geo: Geography, version: string = packageVersion()): CompactGeography {
  return {
    meta: { format: COMPACT_FORMAT, source: '@etalab/decoupage-administratif (data/*.json)', version, license: 'MIT (package); data: INSEE, Licence Ouverte' },
    regions: [...geo.regions.values()].map((r) => [r.code, r.name]),
    departments: [...geo.departments.values()].map((d) => [d.code, d.name, d.region]),
    groupings: [...geo.groupings.values()].map((g) => [g.code, g.name, g.kind, g.memberCodes.join(' ')]),
    communes: [...geo.communes.values()].map((c) => [c.code, c.name, c.department, c.region, c.postalCodes.join(' '), c.siren, c.population]),
    arrondissements: [...geo.arrondissements].map(([code, a]) => [code, a.name, a.communeCode]),
    formerCommunes: geo.formerCommunes.map((f) => [f.code, f.name, f.currentCode, f.kind]),
  };
}

export function fromCompact(doc: CompactGeography): Geography {
  const geo = new Geography();
  const postalCodesOf = sharedLists();
  for (const [code, name] of doc.regions) geo.regions.set(code, { code, name });
  for (const [code, name, region] of doc.departments) geo.departments.set(code, { code, name, region });
  const groupingOf = { epci: new Map<string, string>(), ept: new Map<string, string>() };
  for (const [code, name, kind, members] of doc.groupings) {
    const memberCodes = members ? members.split(' ') : [];
    geo.groupings.set(code, { code, name, kind, memberCodes });
    for (const member of memberCodes) groupingOf[kind].set(member, code);
  }
  for (const [code, name, department, region, postalCodes, siren, population] of doc.communes) {
    const commune: Commune = {
      code,
      name,
      department,
      departmentName: geo.departments.get(department)?.name ?? '',
      region,
      regionName: geo.regions.get(region)?.name ?? '',
      postalCodes: postalCodesOf(postalCodes),
      siren,
      population,
      epci: groupingOf.epci.get(code) ?? null,
      ept: groupingOf.ept.get(code) ?? null,
    };
    index(geo, commune);
  }
  shareMemberCodes(geo);
  for (const [code, name, communeCode] of doc.arrondissements) geo.arrondissements.set(code, { name, communeCode });
  for (const [code, name, currentCode, kind] of doc.formerCommunes) geo.formerCommunes.push({ code, name, currentCode, kind });
  return geo;
}

/**
 * One frozen list per distinct set of postal codes (given joined by a space), shared by every
 * commune that has that set (34,969 communes, 6,354 sets): the geography lives as long as the
 * server and every major garbage collection marks all of it, so what communes hold alike is held once.
 */
function sharedLists(): (joined: string) => readonly string[] {
  const lists = new Map<string, readonly string[]>();
  return (joined) => {
    let list = lists.get(joined);
    if (!list) lists.set(joined, (list = Object.freeze(joined ? joined.split(' ') : [])));
    return list;
  };
}

/** An EPCI's or EPT's member codes as the very strings of its communes' codes (35,000 copies otherwise). */
function shareMemberCodes(geo: Geography): void {
  for (const g of geo.groupings.values()) g.memberCodes = g.memberCodes.map((code) => geo.communes.get(code)?.code ?? code);
}

function index(geo: Geography, commune: Commune): void {
  geo.communes.set(commune.code, commune);
  if (commune.siren) geo.bySiren.set(commune.siren, commune);
  for (const cp of commune.postalCodes) {
    const list = geo.byPostalCode.get(cp);
    if (list) list.push(commune);
    else geo.byPostalCode.set(cp, [commune]);
  }
}

/** Writes the compact file next to the built code (`npm run build` runs this). */
export function writeCompactGeography(file: string | null = compactGeographyFile()): void {
  if (!file) throw new Error('The compact geography is written by the built code (npm run build)');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(compactGeography(geographyFromPackage())));
}
