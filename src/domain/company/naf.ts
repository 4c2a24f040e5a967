import codesNaf from '@socialgouv/codes-naf';

/**
 * NAF rév. 2 codes: labels from @socialgouv/codes-naf (INSEE list of divisions, groups, classes
 * and sub-classes, ids like "25", "25.6", "25.62", "25.62B"; it has no sections), and sections
 * derived from the division, as the nomenclature defines them.
 */

export type NafSection = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M' | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U';

// Division ranges of each section (NAF rév. 2 / NACE Rev. 2).
const SECTION_RANGES: Array<[NafSection, number, number]> = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

let labelIndex: Map<string, string> | null = null;
function labels(): Map<string, string> {
  labelIndex ??= new Map(codesNaf.map((c) => [c.id, c.label]));
  return labelIndex;
}

/**
 * Canonical form "25.62B" (or a shorter level: "25", "25.6", "25.62") from what people and
 * registries write: "2562B", "25.62b", "25 62 B". Null when it is not NAF-shaped.
 */
export function normalizeNafCode(raw: string): string | null {
  const compact = raw.replace(/[\s.]/g, '').toUpperCase();
  const m = /^(\d{2})(\d{0,2})([A-Z]?)$/.exec(compact);
  if (!m) return null;
  const [, division, rest, letter] = m as unknown as [string, string, string, string];
  if (letter && rest.length !== 2) return null;
  if (!rest) return division;
  return `${division}.${rest}${letter}`;
}

/** True when the code exists in the INSEE list (at any level). */
export function isKnownNafCode(raw: string): boolean {
  const code = normalizeNafCode(raw);
  return code !== null && labels().has(code);
}

export function nafLabel(raw: string): string | null {
  const code = normalizeNafCode(raw);
  return code ? (labels().get(code) ?? null) : null;
}

export function nafDivision(raw: string): string | null {
  return normalizeNafCode(raw)?.slice(0, 2) ?? null;
}

export function nafSectionOfDivision(division: string | number): NafSection | null {
  const n = typeof division === 'number' ? division : Number.parseInt(division, 10);
  if (!Number.isInteger(n)) return null;
  for (const [section, from, to] of SECTION_RANGES) if (n >= from && n <= to) return section;
  return null;
}

export function nafSection(raw: string): NafSection | null {
  const division = nafDivision(raw);
  return division ? nafSectionOfDivision(division) : null;
}

export interface IndustryStatus {
  section: NafSection | null;
  /** Section C, INSEE's "industrie manufacturière". Certainty HIGH. */
  manufacturing: boolean | null;
  /** Sections B to E. A convention no source in the facts defines: certainty LOW. */
  industryBroad: boolean | null;
  certainty: 'HIGH' | 'LOW' | null;
}

/**
 * Whether an activity counts as industry. An APE code creates no rights by itself (décret
 * 2007-1888 art. 5), so schemes' own wording prevails; this only informs the conversation.
 */
export function industryStatus(naf: string | null | undefined, sectionHint?: NafSection | null): IndustryStatus {
  const section = (naf ? nafSection(naf) : null) ?? sectionHint ?? null;
  if (!section) return { section: null, manufacturing: null, industryBroad: null, certainty: null };
  const manufacturing = section === 'C';
  const industryBroad = ['B', 'C', 'D', 'E'].includes(section);
  return { section, manufacturing, industryBroad, certainty: manufacturing || !industryBroad ? 'HIGH' : 'LOW' };
}
