import type { Commune, Geography } from '../src/domain/geography';
import type { KnowledgeBase } from '../src/domain/knowledge-base';
import { foldAccents, normalizeName, withoutArticle } from '../src/domain/normalize';
import type { Wave } from '../src/domain/types';

/**
 * Messy place queries generated from the real geography, each with its ground truth: the
 * territory (of the given wave) of the commune it was made from, or "none".
 */

export const CATEGORIES = [
  'exact',
  'typo-drop',
  'typo-swap',
  'typo-duplicate',
  'no-accents',
  'upper-case',
  'st-abbreviation',
  'postal-code',
  'insee-code',
  'homonym-with-department',
  'sentence-fr',
  'sentence-en',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface BenchQuery {
  category: Category;
  text: string;
  communeCode: string;
  /**
   * Territory id, or `none:<region>` for a commune in no territory (the resolver tells those apart
   * by region because the operators' regional entry points differ).
   */
  truth: string;
  /**
   * The query itself cannot tell the answer apart (a name or postal code shared by places with
   * different answers): asking the user is then the right behaviour.
   */
  inherentlyAmbiguous: boolean;
}

/** Deterministic PRNG (mulberry32), so every run measures the same set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FR_SENTENCES = [
  'notre usine est à {}',
  'Nous sommes basés à {}',
  'entreprise située à {}, quel est mon territoire ?',
  'bonjour, notre site de production est sur {}',
  'PME industrielle implantée à {}',
];
const EN_SENTENCES = ['our factory is in {}', 'we are based in {}', 'Hello, our plant is located in {}', 'which territory for {}?'];

export function generateQueries(geo: Geography, kb: KnowledgeBase, wave: Wave, perCategory: number, seed = 20231): BenchQuery[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const answer = (c: Commune) => answerOf(kb, c, wave);
  const communes = [...geo.communes.values()].sort((a, b) => a.code.localeCompare(b.code));

  // Every place a name can designate: current communes, and communes that absorbed a former
  // commune of that name, with or without a leading article, as users type them.
  const byName = new Map<string, Commune[]>();
  const index = (name: string, c: Commune) => {
    const key = normalizeName(name);
    for (const k of [key, withoutArticle(key)]) if (k) byName.set(k, [...(byName.get(k) ?? []), c]);
  };
  for (const c of communes) index(c.name, c);
  for (const f of geo.formerCommunes) {
    const current = geo.communes.get(f.currentCode);
    if (current) index(f.name, current);
  }
  const answersOf = (list: Commune[]) => new Set(list.map(answer)).size;
  const nameAmbiguous = (c: Commune) => answersOf(byName.get(normalizeName(c.name)) ?? [c]) > 1;
  const homonyms = communes.filter((c) => (byName.get(normalizeName(c.name))?.length ?? 0) > 1);
  const accented = communes.filter((c) => foldAccents(c.name) !== c.name);
  const saints = communes.filter((c) => /^Saintes?-/.test(c.name));
  const longEnough = communes.filter((c) => c.name.replace(/[^\p{L}]/gu, '').length >= 6);

  const letterPositions = (name: string) => [...name].flatMap((ch, i) => (/\p{L}/u.test(ch) ? [i] : []));
  const typo = (name: string, kind: 'drop' | 'swap' | 'duplicate'): string => {
    const chars = [...name];
    const positions = letterPositions(name).filter((i) => kind !== 'swap' || /\p{L}/u.test(chars[i + 1] ?? ''));
    const i = pick(positions);
    if (kind === 'drop') chars.splice(i, 1);
    else if (kind === 'duplicate') chars.splice(i, 0, chars[i]!);
    else [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
    return chars.join('');
  };

  const out: BenchQuery[] = [];
  const add = (category: Category, c: Commune, text: string, inherentlyAmbiguous: boolean) =>
    out.push({ category, text, communeCode: c.code, truth: answer(c), inherentlyAmbiguous });

  for (let n = 0; n < perCategory; n++) {
    let c: Commune;
    c = pick(communes);
    add('exact', c, c.name, nameAmbiguous(c));
    for (const kind of ['drop', 'swap', 'duplicate'] as const) {
      c = pick(longEnough);
      add(`typo-${kind}`, c, typo(c.name, kind), nameAmbiguous(c));
    }
    c = pick(accented);
    add('no-accents', c, foldAccents(c.name), nameAmbiguous(c));
    c = pick(communes);
    add('upper-case', c, c.name.toUpperCase(), nameAmbiguous(c));
    c = pick(saints);
    add(
      'st-abbreviation',
      c,
      c.name
        .replace(/^Sainte-/, 'Ste ')
        .replace(/^Saint-/, 'St ')
        .replace(/-/g, ' '),
      nameAmbiguous(c),
    );

    c = pick(communes.filter((x) => x.postalCodes.length > 0));
    const cp = pick(c.postalCodes);
    add('postal-code', c, cp, answersOf(geo.byPostalCode.get(cp) ?? [c]) > 1);
    c = pick(communes);
    // Some INSEE codes are also another place's postal code; the user may mean either.
    add('insee-code', c, c.code, answersOf([c, ...(geo.byPostalCode.get(c.code) ?? [])]) > 1);

    c = pick(homonyms);
    const sameDepartment = (byName.get(normalizeName(c.name)) ?? []).filter((x) => x.department === c.department);
    add('homonym-with-department', c, `${c.name} (${c.department})`, answersOf(sameDepartment) > 1);

    c = pick(communes);
    add('sentence-fr', c, pick(FR_SENTENCES).replace('{}', c.name), nameAmbiguous(c));
    c = pick(communes);
    add('sentence-en', c, pick(EN_SENTENCES).replace('{}', c.name), nameAmbiguous(c));
  }
  return out;
}

export function answerOf(kb: KnowledgeBase, c: Commune, wave: Wave): string {
  return kb.territoryOfCommune(c.code, wave)?.id ?? `none:${c.region}`;
}
