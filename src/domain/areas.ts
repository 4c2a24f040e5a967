import type { Geography } from './geography';
import type { KnowledgeBase } from './knowledge-base';
import { foldKey } from './normalize';
import { territoryRef } from './resolution/resolver';
import type { TerritoryRef, Wave } from './types';

export interface Area {
  kind: 'region' | 'department';
  code: string;
  name: string;
}

/**
 * The region or department a sentence names ("en Bretagne", "dans la Loire", "Ain (01)"), by
 * whole words, longest name first so "Loire-Atlantique" is not read as "Loire". A department
 * number counts only after "département" or in parentheses, since bare numbers are too common.
 */
export function findArea(geo: Geography, text: string): Area | null {
  const key = ` ${foldKey(text)} `;
  for (const area of areasOf(geo)) {
    if (key.includes(` ${area.key} `)) return area.area;
  }
  const afterWord = /\b(?:departement|dept|dpt)\s+(\d{2,3}|2[ab])\b/.exec(key)?.[1];
  const inParentheses = /\((\d{2,3}|2[AaBb])\)/.exec(text)?.[1];
  const number = (afterWord ?? inParentheses)?.toUpperCase();
  const department = number ? geo.departments.get(number) : undefined;
  return department ? { kind: 'department', code: department.code, name: department.name } : null;
}

const areaKeys = new WeakMap<Geography, Array<{ key: string; area: Area }>>();

/** The regions English speakers name in English ("territories in Brittany?"), by region code. */
const ENGLISH_REGION_NAMES: ReadonlyArray<[string, string]> = [
  ['53', 'brittany'],
  ['28', 'normandy'],
  ['27', 'burgundy franche comte'],
  ['27', 'burgundy'],
  ['94', 'corsica'],
  ['76', 'occitania'],
  ['03', 'french guiana'],
  ['04', 'reunion island'],
];

function areasOf(geo: Geography): Array<{ key: string; area: Area }> {
  let keys = areaKeys.get(geo);
  if (!keys) {
    keys = [
      ...[...geo.regions.values()].map((r) => ({ key: foldKey(r.name), area: { kind: 'region' as const, code: r.code, name: r.name } })),
      ...[...geo.departments.values()].map((d) => ({ key: foldKey(d.name), area: { kind: 'department' as const, code: d.code, name: d.name } })),
      ...ENGLISH_REGION_NAMES.flatMap(([code, key]) => {
        const r = geo.regions.get(code);
        return r ? [{ key, area: { kind: 'region' as const, code: r.code, name: r.name } }] : [];
      }),
    ].sort((a, b) => b.key.length - a.key.length);
    areaKeys.set(geo, keys);
  }
  return keys;
}

const byArea = new WeakMap<KnowledgeBase, { revision: number; index: Map<string, TerritoryRef[]> }>();

/**
 * The territories of a wave with at least one commune in the area (a territory across two
 * departments or regions is listed in both), in the knowledge base's order.
 */
export function territoriesIn(kb: KnowledgeBase, wave: Wave, area: Area): TerritoryRef[] {
  let cached = byArea.get(kb);
  if (!cached || cached.revision !== kb.revision) {
    cached = { revision: kb.revision, index: new Map() };
    for (const w of kb.waves()) {
      for (const territory of kb.territories(w)) {
        const keys = new Set<string>();
        for (const code of kb.communesOf(territory)) {
          const commune = kb.geo.communes.get(code);
          if (!commune) continue;
          keys.add(`${w}/region/${commune.region}`);
          keys.add(`${w}/department/${commune.department}`);
        }
        const ref = territoryRef(territory);
        for (const key of keys) {
          const list = cached.index.get(key);
          if (list) list.push(ref);
          else cached.index.set(key, [ref]);
        }
      }
    }
    byArea.set(kb, cached);
  }
  return cached.index.get(`${wave}/${area.kind}/${area.code}`) ?? [];
}

/** What "quels territoires en Bretagne ?" or "combien de territoires ?" asks for. */
export type TerritoryListAnswer =
  | { kind: 'area'; area: Area; wave: Wave; territories: TerritoryRef[] }
  /** No area named: how many territories each list has, newest list first. */
  | { kind: 'counts'; counts: Array<{ wave: Wave; count: number }> };

export function listTerritories(kb: KnowledgeBase, wave: Wave, text: string): TerritoryListAnswer {
  const area = findArea(kb.geo, text);
  if (area) return { kind: 'area', area, wave, territories: territoriesIn(kb, wave, area) };
  return { kind: 'counts', counts: [...kb.waves()].sort((x, y) => y - x).map((w) => ({ wave: w, count: kb.territories(w).length })) };
}
