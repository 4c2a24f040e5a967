import type { Commune, Geography } from '../geography';
import type { KnowledgeBase } from '../knowledge-base';
import { editDistance, foldAccents, normalizeName, normalizeWords, trigrams, withoutArticle } from '../normalize';
import type { CommuneRef, LookupResult, Territory, TerritoryRef, Wave } from '../types';

/**
 * One resolver for every way a user names a place: commune (with typos, accents, "St",
 * homonyms), postal code, INSEE code, old name of a merged commune, EPCI or territory name, or a
 * sentence containing one of these. Indexes are built once; a query touches only the names that
 * share its trigrams, never the whole list of 35,000 communes.
 */

type EntryKind = 'commune' | 'former-commune' | 'arrondissement' | 'epci' | 'ept' | 'territory';

interface NameEntry {
  kind: EntryKind;
  label: string;
  /** Current commune for commune-like entries. */
  commune?: Commune;
  /** EPCI/EPT SIREN. */
  grouping?: string;
  territory?: Territory;
}

interface Candidate {
  commune: Commune | null;
  territory: Territory | null;
  /** Region used for entry points when the place is in no territory. */
  regionCode: string;
  label: string;
  weight: number;
  matchedBy: string;
}

export interface LookupOptions {
  wave?: Wave;
}

const MAX_QUERY_LENGTH = 300;
const MAX_CANDIDATES = 10;
const STOPWORDS = new Set(
  (
    'a au aux avec ce cette chez d dans de des du en est et il ils j je l la le les leur ma mes mon nos notre nous on ou ' +
    'par pour pres proche qu que qui sa se ses son sur un une vers vos votre vous y ' +
    'entreprise societe usine site atelier siege pme eti tpe situe situee situes basee base basees implante implantee installe installee ' +
    'sommes suis avons ai sont commune ville code postal insee territoire territoires industrie referent referents quel quelle ' +
    'salaries salarie personnes employes ca chiffre affaires millions euros bonjour merci svp aide ' +
    'aides dispositif dispositifs subvention subventions financement financements eligible eligibles eligibilite accompagnement ' +
    'schemes scheme funding grants grant support eligibility which what where for with and from about ' +
    'quels quelles comment combien pourquoi peux pouvez puis faire avoir besoin besoins cherche cherchons voudrais voulons veut ' +
    'souhaite souhaitons obtenir droit merci possible possibles projet projets recruter embaucher exporter innover former ' +
    'the of in at near our we are is my company factory plant located based site town city hello please'
  ).split(' '),
);
const LOCATIVES = new Set(['a', 'au', 'aux', 'sur', 'en', 'dans', 'pres', 'in', 'at', 'near', 'de']);

/** The words from the first to the last meaningful one: "mes aides" is not a misspelt "Les Aires". */
function trimFiller(words: string[]): string {
  let start = 0;
  let end = words.length;
  while (start < end && STOPWORDS.has(words[start]!)) start++;
  while (end > start && STOPWORDS.has(words[end - 1]!)) end--;
  return words.slice(start, end).join(' ');
}

function maxTypos(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  if (length <= 14) return 2;
  return 3;
}

export class Resolver {
  private keys: string[] = [];
  private entriesByKey = new Map<string, NameEntry[]>();
  private postings = new Map<string, number[]>();
  private counts = new Uint16Array(0);
  private territoryOfGrouping = new Map<string, Territory>();
  private departmentKeys = new Map<string, string>();
  private builtRevision = -1;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly defaultWave: Wave,
  ) {
    this.build();
  }

  /** Rebuilt when administrators change the knowledge base, so new names resolve without a restart. */
  private build(): void {
    this.keys = [];
    this.entriesByKey = new Map();
    this.postings = new Map();
    this.territoryOfGrouping = new Map();
    this.departmentKeys = new Map();
    const kb = this.kb;
    const geo = kb.geo;
    for (const c of geo.communes.values()) this.add(c.name, { kind: 'commune', label: c.name, commune: c });
    for (const f of geo.formerCommunes) {
      const current = geo.communes.get(f.currentCode);
      if (current) this.add(f.name, { kind: 'former-commune', label: f.name, commune: current });
    }
    for (const [, a] of geo.arrondissements) {
      const current = geo.communes.get(a.communeCode);
      if (current) this.add(a.name, { kind: 'arrondissement', label: a.name, commune: current });
    }
    for (const g of geo.groupings.values()) this.add(g.name, { kind: g.kind, label: g.name, grouping: g.code });
    for (const wave of kb.waves()) {
      for (const t of kb.territories(wave)) {
        this.add(t.name, { kind: 'territory', label: t.name, territory: t });
        for (const m of t.members) if (m.kind !== 'commune') this.territoryOfGrouping.set(`${wave}/${m.code}`, t);
      }
    }
    for (const d of geo.departments.values()) this.departmentKeys.set(normalizeName(d.name), d.code);
    this.counts = new Uint16Array(this.keys.length);
    this.builtRevision = kb.revision;
  }

  private add(name: string, entry: NameEntry): void {
    const key = normalizeName(name);
    for (const k of [key, withoutArticle(key)]) {
      if (!k) continue;
      let list = this.entriesByKey.get(k);
      if (!list) {
        list = [];
        this.entriesByKey.set(k, list);
        const id = this.keys.push(k) - 1;
        for (const g of trigrams(k)) {
          const p = this.postings.get(g);
          if (p) p.push(id);
          else this.postings.set(g, [id]);
        }
      }
      list.push(entry);
    }
  }

  lookup(rawQuery: string, options: LookupOptions = {}): LookupResult {
    if (this.builtRevision !== this.kb.revision) this.build();
    const wave = options.wave ?? this.defaultWave;
    const query = String(rawQuery ?? '')
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .slice(0, MAX_QUERY_LENGTH)
      .trim();
    if (!query) return this.result(query, wave, []);

    const { codes, rest, departments } = this.extractCodes(query);
    if (codes.length > 0) {
      // "INSEE 01100" / "code commune 01100" means the INSEE code, even where it is also a postal code.
      const preferInsee = /\b(insee|cog|code (commune|officiel|geographique))\b/i.test(foldAccentsLower(query));
      let candidates = codes.flatMap((c) => this.byCode(c, wave, preferInsee));
      const words = normalizeWords(rest).filter((w) => !STOPWORDS.has(w));
      if (candidates.length > 1 && words.length > 0) {
        const named = this.byName(words.join(' '), wave, departments);
        const codesOfNamed = new Set(named.map((n) => n.commune?.code));
        const narrowed = candidates.filter((c) => codesOfNamed.has(c.commune?.code));
        if (narrowed.length > 0) candidates = narrowed;
      }
      const result = this.result(query, wave, candidates);
      // Only for a bare code: "01100 Oyonnax" already says which commune is meant.
      const other = codes.length === 1 && words.length === 0 && !preferInsee ? this.kb.geo.currentCommune(codes[0]!) : undefined;
      if (other && candidates.every((c) => c.matchedBy === 'postal-code' && c.commune?.code !== other.code)) result.inseeCodeOf = communeRef(other);
      return result;
    }
    return this.result(query, wave, this.byName(rest, wave, departments));
  }

  /** For a commune already identified by its INSEE code (e.g. from a SIRET's establishment). */
  lookupCommuneCode(code: string, options: LookupOptions & { query?: string; matchedBy?: string } = {}): LookupResult {
    const wave = options.wave ?? this.defaultWave;
    const commune = this.kb.geo.currentCommune(code);
    const candidates = commune ? [this.fromCommune(commune, wave, options.matchedBy ?? 'insee', commune.name)] : [];
    return this.result(options.query ?? code, wave, candidates);
  }

  /** A territory named by its id (a widget preset, a link): its card without any search. */
  lookupTerritory(id: string, options: LookupOptions = {}): LookupResult {
    const wave = options.wave ?? this.defaultWave;
    const territory = this.kb.territory(wave, id);
    const candidates: Candidate[] = territory
      ? [{ commune: null, territory, regionCode: territory.regionCode, label: territory.name, weight: 1, matchedBy: 'territory' }]
      : [];
    return this.result(id, wave, candidates);
  }

  private extractCodes(query: string): { codes: string[]; rest: string; departments: Set<string> } {
    const codes: string[] = [];
    const departments = new Set<string>();
    let rest = query.replace(/\b(\d{5}|2[ABab]\d{3})\b/g, (m) => {
      codes.push(m.toUpperCase());
      return ' ';
    });
    rest = rest.replace(/\(\s*(\d{2,3}|2[ABab])\s*\)|(?:^|\s)(\d{2}|2[ABab]|97[1-6])\s*$/g, (m, a?: string, b?: string) => {
      const code = (a ?? b ?? '').toUpperCase();
      if (this.kb.geo.departments.has(code)) {
        departments.add(code);
        return ' ';
      }
      return m;
    });
    return { codes, rest, departments };
  }

  private byCode(code: string, wave: Wave, preferInsee: boolean): Candidate[] {
    const geo = this.kb.geo;
    // A few codes are both a postal code and another commune's INSEE code (01100 is Oyonnax's
    // postal code and Cheignieu-la-Balme's INSEE code); people type postal codes far more often.
    const byPostalCode = (geo.byPostalCode.get(code) ?? []).map((c) => this.fromCommune(c, wave, 'postal-code', `${c.name} (${code})`));
    const byInsee = geo.currentCommune(code);
    const inseeCandidate = byInsee ? [this.fromCommune(byInsee, wave, 'insee', byInsee.name)] : [];
    if (preferInsee) return inseeCandidate.length > 0 ? inseeCandidate : byPostalCode;
    return byPostalCode.length > 0 ? byPostalCode : inseeCandidate;
  }

  private byName(text: string, wave: Wave, departments: Set<string>): Candidate[] {
    const words = normalizeWords(text);
    if (words.length === 0) return [];
    const whole = words.join(' ');

    let entries = this.exact(whole);
    let matchedWords = words;
    if (entries.length === 0) {
      const span = this.bestSpan(words, departments);
      // An exact span may be only the start of a longer, misspelt name ("Montigny-en-Cambrésis"
      // typed with a typo matches the many "Montigny"): when other meaningful words remain, the
      // whole text with typo tolerance comes first.
      const content = words.filter((w) => !STOPWORDS.has(w));
      const rest = span ? this.meaningfulRest(words, span.words) : content;
      const fuzzyWhole = rest.length > 0 && content.length <= 5 ? this.fuzzy(trimFiller(words)) : [];
      if (fuzzyWhole.length > 0) entries = fuzzyWhole;
      else if (span) ({ entries, words: matchedWords } = span);
    }
    if (entries.length === 0) {
      for (const candidateText of this.fuzzyTargets(words)) {
        entries = this.fuzzy(candidateText);
        if (entries.length > 0) break;
      }
    }
    // Department names typed next to a homonym ("Saint-Martin Savoie") narrow the choice.
    const remaining = words.filter((w) => !matchedWords.includes(w)).join(' ');
    for (const [key, code] of this.departmentKeys) {
      if (remaining && (` ${remaining} `.includes(` ${key} `))) departments.add(code);
    }
    let candidates = entries.flatMap((e) => this.fromEntry(e, wave)).filter((c): c is Candidate => c !== null);
    if (departments.size > 0) {
      const inDepartment = candidates.filter((c) => c.commune && departments.has(c.commune.department));
      if (inDepartment.length > 0) candidates = inDepartment;
    }
    return candidates;
  }

  /** Words outside the matched span that could be part of a name (not filler, codes or departments). */
  private meaningfulRest(words: string[], span: string[]): string[] {
    let rest = ` ${words.filter((w) => !span.includes(w)).join(' ')} `;
    for (const key of this.departmentKeys.keys()) rest = rest.replace(` ${key} `, ' ');
    return rest
      .trim()
      .split(' ')
      .filter((w) => w.length > 2 && !STOPWORDS.has(w) && !/\d/.test(w));
  }

  private exact(key: string): NameEntry[] {
    return this.entriesByKey.get(key) ?? [];
  }

  /** The longest run of words in a sentence that names a place, preferring one after "à", "in"... */
  private bestSpan(words: string[], departments: Set<string>): { entries: NameEntry[]; words: string[] } | null {
    let best: { entries: NameEntry[]; words: string[]; score: number } | null = null;
    for (let n = Math.min(8, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const span = words.slice(i, i + n);
        const key = span.join(' ');
        if (n === 1 && (STOPWORDS.has(key) || key.length <= 2)) continue;
        if (this.departmentKeys.has(key) && departments.size === 0 && n === 1 && words.length > 1) continue;
        const entries = this.exact(key);
        if (entries.length === 0) continue;
        const after = i > 0 && LOCATIVES.has(words[i - 1]!) ? 3 : 0;
        const score = key.length + after;
        if (!best || score > best.score) best = { entries, words: span, score };
      }
    }
    return best;
  }

  /** What to try with typo tolerance: the whole text if short, else the words after a locative. */
  private fuzzyTargets(words: string[]): string[] {
    const targets: string[] = [];
    const content = words.filter((w) => !STOPWORDS.has(w));
    if (words.length <= 5 && content.length > 0) targets.push(content.join(' '));
    for (let i = 0; i < words.length - 1; i++) {
      if (!LOCATIVES.has(words[i]!)) continue;
      for (let n = Math.min(4, words.length - i - 1); n >= 1; n--) targets.push(words.slice(i + 1, i + 1 + n).join(' '));
    }
    for (const w of content) if (w.length >= 5) targets.push(w);
    return [...new Set(targets)].filter((t) => t.length >= 3).slice(0, 12);
  }

  private fuzzy(key: string): NameEntry[] {
    const budget = maxTypos(key.length);
    if (budget === 0) return [];
    const grams = trigrams(key);
    // One edit changes at most three trigrams, a transposition four.
    const needed = Math.max(1, grams.length - 4 * budget);
    const touched: number[] = [];
    for (const g of grams) {
      for (const id of this.postings.get(g) ?? []) {
        if (this.counts[id] === 0) touched.push(id);
        this.counts[id]!++;
      }
    }
    let bestDistance = budget + 1;
    let best: number[] = [];
    for (const id of touched) {
      const count = this.counts[id]!;
      this.counts[id] = 0;
      if (count < needed) continue;
      const candidate = this.keys[id]!;
      const d = editDistance(key, candidate, Math.min(budget, bestDistance));
      if (d > budget) continue;
      if (d < bestDistance) {
        bestDistance = d;
        best = [id];
      } else if (d === bestDistance) best.push(id);
    }
    return best.flatMap((id) => this.exact(this.keys[id]!));
  }

  private fromCommune(c: Commune, wave: Wave, matchedBy: string, label: string): Candidate {
    return {
      commune: c,
      territory: this.kb.territoryOfCommune(c.code, wave),
      regionCode: c.region,
      label,
      weight: c.population,
      matchedBy,
    };
  }

  private fromEntry(e: NameEntry, wave: Wave): Candidate | null {
    if (e.commune) {
      const label = e.kind === 'commune' ? e.commune.name : `${e.label} → ${e.commune.name}`;
      return this.fromCommune(e.commune, wave, e.kind === 'commune' ? 'commune' : 'former-commune', label);
    }
    if (e.territory) {
      if (e.territory.wave !== wave) return null;
      return { commune: null, territory: e.territory, regionCode: e.territory.regionCode, label: e.territory.name, weight: 1e9, matchedBy: 'territory' };
    }
    if (e.grouping) {
      const grouping = this.kb.geo.groupings.get(e.grouping);
      const first = grouping ? this.kb.geo.communes.get(grouping.memberCodes[0] ?? '') : undefined;
      return {
        commune: null,
        territory: this.territoryOfGrouping.get(`${wave}/${e.grouping}`) ?? null,
        regionCode: first?.region ?? '',
        label: e.label,
        weight: 1e8,
        matchedBy: 'epci',
      };
    }
    return null;
  }

  private result(query: string, wave: Wave, raw: Candidate[]): LookupResult {
    const seen = new Set<string>();
    const candidates = raw
      .filter((c) => {
        const key = `${c.commune?.code ?? ''}/${c.territory?.id ?? ''}/${c.commune ? '' : c.label}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => b.weight - a.weight);
    const base = { query, wave, territory: null, commune: null, candidates: [], referents: [] };
    if (candidates.length === 0) return { ...base, status: 'unknown' };

    const answers = new Set(candidates.map((c) => c.territory?.id ?? `none:${c.regionCode}`));
    if (answers.size === 1) {
      const first = candidates[0]!;
      const communes = new Set(candidates.map((c) => c.commune?.code));
      const commune = communes.size === 1 ? first.commune : null;
      return {
        ...base,
        status: 'resolved',
        matchedBy: first.matchedBy,
        territory: first.territory ? territoryRef(first.territory) : null,
        commune: commune ? communeRef(commune) : null,
        referents: first.territory ? this.kb.referents(first.territory) : this.kb.regionalReferents(first.regionCode),
      };
    }
    const answer: LookupResult = {
      ...base,
      status: 'ambiguous',
      matchedBy: candidates[0]!.matchedBy,
      candidates: candidates.slice(0, MAX_CANDIDATES).map((c) => ({
        commune: c.commune ? communeRef(c.commune) : null,
        territory: c.territory ? territoryRef(c.territory) : null,
        label: c.commune && c.matchedBy !== 'postal-code' ? `${c.label} (${c.commune.departmentName}, ${c.commune.department})` : c.label,
      })),
    };
    if (candidates.length > MAX_CANDIDATES) answer.omittedCandidates = candidates.length - MAX_CANDIDATES;
    return answer;
  }
}

function foldAccentsLower(text: string): string {
  return foldAccents(text).toLowerCase();
}

export function territoryRef(t: Territory): TerritoryRef {
  return { id: t.id, name: t.name, wave: t.wave, region: t.regionName };
}

export function communeRef(c: Commune): CommuneRef {
  return { code: c.code, name: c.name, department: c.department };
}

export type { Geography };
