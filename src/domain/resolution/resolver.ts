import type { Commune, Geography } from '../geography';
import type { KnowledgeBase } from '../knowledge-base';
import { ARTICLES, editDistance, foldAccents, normalizeName, normalizeWords, trigrams, withoutArticle } from '../normalize';
import type { CommuneRef, LookupResult, NoPlaceReason, Territory, TerritoryRef, Wave } from '../types';
import {
  ACCEPT,
  englishWord,
  FILLER,
  foldedWord,
  locativeBefore,
  mayBeTypo,
  placeConfidence,
  tokenize,
  typedForm,
  typedRun,
  type SpanMatch,
  type Token,
} from './confidence';
import type { Lexicon } from './lexicon';
import { deepFreeze, Recent } from '../recent';

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
  /** The label as typed with its accents, to compare accents (see typedForm). */
  typed?: string;
  /** Current commune for commune-like entries. */
  commune?: Commune;
  /** EPCI/EPT SIREN. */
  grouping?: string;
  territory?: Territory;
}

/**
 * How a typed key names an entry: its full name, its name without the leading article ("Creusot"),
 * or its short usual name ("Romorantin" for Romorantin-Lanthenay, "Plastics Vallée" for the
 * territory "Plastics Vallée – Oyonnax"). An exact name ranks above a partial one.
 */
const FULL = 0;
const WITHOUT_ARTICLE = 1;
const SHORT = 2;
type Tier = typeof FULL | typeof WITHOUT_ARTICLE | typeof SHORT;

interface Keyed {
  entry: NameEntry;
  tier: Tier;
}

interface Candidate {
  commune: Commune | null;
  territory: Territory | null;
  /** Region used for entry points when the place is in no territory. */
  regionCode: string;
  label: string;
  weight: number;
  matchedBy: string;
  tier: Tier;
  /** An intercommunality only part of which is in `territory`: its communes that are. */
  partial?: { communes: Commune[]; total: number };
  /** The intercommunality the query named (matchedBy 'epci'). */
  grouping?: string;
}

/** A department a message names, and the small communes of its name elsewhere, offered beside it. */
interface DepartmentNamed {
  code: string;
  namesakes: Keyed[];
}

/** A place name found in the text, with the odds that it is meant as a place. */
interface Found {
  entries: Keyed[];
  span: SpanMatch;
  score: number;
}

export interface LookupOptions {
  wave?: Wave;
}

/**
 * Long firm descriptions name their town anywhere, often last: the whole of what the chat reads
 * of a message (MAX_PARSED_CHARS, 4,000) is read; beyond, the beginning and the end.
 */
const MAX_QUERY_LENGTH = 4000;

/**
 * A long message within MAX_QUERY_LENGTH: its beginning and its end, where a site is named ("…
 * notre usine est à Bellignat"), cut between words, so that no word cut in half is read as a
 * town.
 */
function bounded(text: string): string {
  if (text.length <= MAX_QUERY_LENGTH) return text.trim();
  const half = MAX_QUERY_LENGTH / 2 - 1;
  const head = text.slice(0, half).replace(/\s+\S*$/, '');
  const tail = text.slice(-half).replace(/^\S*\s+/, '');
  return `${head} ${tail}`.trim();
}
const MAX_SPAN_WORDS = 8;
/** Typo searches per message: each costs a scan of the names sharing its trigrams. */
const MAX_FUZZY_TARGETS = 8;
/** Names compared letter by letter per typo search, the most similar first. */
const MAX_COMPARED = 400;
/** Longer than any French place name with a few typos ("Saint-Remy-en-Bouzemont-Saint-Genest-et-Isson"). */
const MAX_NAME_LENGTH = 56;
/** "Alpes de Haute Provence". */
const MAX_DEPARTMENT_WORDS = 4;
const MAX_CANDIDATES = 10;
/** Longest text whose answer is kept for the next turns (see Resolver.recent). */
const MAX_KEPT_QUERY = 256;
/** A short name shared by many communes ("Villeneuve") stands for its most populous ones. */
const MAX_SHORT_NAME_COMMUNES = 8;
/** Wordness past which a word is too ordinary to stand for a longer name alone (rank 10,000). */
const ORDINARY_SHORT_NAME = 2;
/** A short name is offered beside a full name when its town is this many times more populous. */
const SHORT_NAME_DOMINANCE = 10;
/** Only a town of this size is known by a short name that another commune bears in full (Fos-sur-Mer, 15,000: "Fos"). */
const KNOWN_BY_SHORT_NAME = 10_000;
/**
 * A town this size is known by its name alone beyond its department (Vienne, 38: 31,000); a smaller
 * commune named like a department (Allier, 65: 450) is offered beside that department, not over it.
 */
const KNOWN_BY_NAME_ALONE = 20_000;
/** A full-name match this many times more populous than its partial namesakes is the one meant. */
const DOMINANCE = 20;
const LOCATIVES = new Set(['a', 'au', 'aux', 'sur', 'en', 'pres', 'in', 'at', 'near']);
const SAINTS = new Set(['saint', 'sainte', 'saints', 'saintes']);
const CONNECTORS = new Set([
  'saint',
  'sainte',
  'saints',
  'saintes',
  'le',
  'la',
  'les',
  'l',
  'sur',
  'sous',
  'en',
  'de',
  'du',
  'des',
  'd',
  'et',
  'aux',
  'au',
  'a',
  'pres',
  'notre',
]);
const DEPARTMENT_WORDS = new Set([
  'dans',
  'le',
  'la',
  'l',
  'en',
  'du',
  'de',
  'departement',
  'dept',
  'dpt',
  'in',
  'the',
  'bonjour',
  'merci',
  'svp',
  'et',
  'ou',
  'plutot',
  'c',
  'est',
  // A correction: "ah non pardon, dans l'Allier".
  'ah',
  'oh',
  'non',
  'pardon',
  'oups',
  'euh',
  'enfin',
  'fait',
  'finalement',
  'desole',
  'sorry',
  'no',
  'actually',
]);
/** Words before a department named alone: "on est dans le Puy-de-Dôme". */
const SITE_WORDS = new Set([
  'on',
  'nous',
  'sommes',
  'je',
  'suis',
  'notre',
  'usine',
  'site',
  'entreprise',
  'situes',
  'situe',
  'bases',
  'base',
  'we',
  'are',
  'based',
]);
const AMOUNT_AFTER = /^\s*(€|k€|m€|eur|euros?|salari|personnes|employ|habitants|m2|m²|%|ans|mois|jours|heures|h\b|tonnes|pieces|pièces)/i;

/** The words from the first to the last meaningful one: "mes aides" is not a misspelt "Les Aires". */
function trimFiller(words: readonly string[]): [number, number] {
  let start = 0;
  let end = words.length;
  while (start < end && FILLER.has(words[start]!)) start++;
  while (end > start && FILLER.has(words[end - 1]!)) end--;
  return [start, end];
}

function maxTypos(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  if (length <= 14) return 2;
  return 3;
}

/** The word lists of a deferred resolver: made at once, or a list per step (Lexicon.inSteps). */
export type LexiconSource = () => Lexicon | Generator<void, Lexicon, undefined>;

/** Names indexed between two yields of a deferred build: a few tens of milliseconds on a quiet machine. */
const NAMES_PER_STEP = 1_000;

/**
 * An index of place names: each key (a normalised name) with an id, what it names, and the keys by
 * trigram (for typos). It may extend a `base` index: its new keys take ids after the base's, and a
 * key both hold names the base's entries then its own, as if every name had been added to one
 * index in that order.
 *
 * The index lives as long as the process, and every major garbage collection marks all of it: it
 * is kept in a few flat arrays rather than an array and an object per key (183,000 objects and
 * 13 MB before; each collection's marking and the resident memory grew with them). Keyed pairs are
 * made on demand, by `exact`, for the few keys a message names.
 */
class NameIndex {
  /** The keys added here, by id less `firstId`; the id of every key added here. */
  private readonly keys: string[] = [];
  private readonly idOfKey = new Map<string, number>();
  readonly entries: NameEntry[] = [];
  /**
   * What keys name here: for slot s, `entries[entryOf[i]]` with tier `tierOf[i]`, for i in
   * [rowsFrom[s], rowsFrom[s + 1]). A key added here has slot id - `firstId`; a base key named
   * here too, the slot in `slotOfBaseKey`.
   */
  private readonly slotOfBaseKey = new Map<string, number>();
  private rowsFrom = new Int32Array(1);
  private entryOf = new Int32Array(0);
  private tierOf = new Uint8Array(0);
  /** Trigram to the ids of the keys added here holding it: `postingIds[i]` for i in [postingsFrom[p], postingsFrom[p + 1]), p = `postingOf.get(trigram)`. */
  private postingOf = new Map<string, number>();
  private postingsFrom = new Int32Array(1);
  private postingIds = new Int32Array(0);
  /**
   * The first word of every name of several words, with the most words such a name has: in a
   * sentence, only the runs that start with one of these few thousand words can be a name of
   * several words, so the others are neither joined nor looked up (most of a sentence's cost).
   */
  private readonly longest = new Map<string, number>();
  private readonly firstId: number;
  /** While names are added: one row per (key, entry, tier) in the order added (a base key's slot as -1 - its rank), and the postings. */
  private building: { rowSlot: number[]; rowEntry: number[]; rowTier: number[]; postings: Map<string, number[]> } | null = {
    rowSlot: [],
    rowEntry: [],
    rowTier: [],
    postings: new Map(),
  };

  constructor(private readonly base: NameIndex | null = null) {
    this.firstId = base ? base.size : 0;
  }

  get size(): number {
    return this.firstId + this.keys.length;
  }

  has(key: string): boolean {
    return this.idOfKey.has(key) || (this.base?.has(key) ?? false);
  }

  longestFrom(word: string): number {
    const own = this.longest.get(word) ?? 1;
    const inBase = this.base ? this.base.longestFrom(word) : 1;
    return own > inBase ? own : inBase;
  }

  /** Indexes an entry under its name (and without its article); returns the entry's index. */
  add(name: string, entry: NameEntry): number {
    const index = this.entries.push(entry) - 1;
    const key = normalizeName(name);
    this.addKey(key, index, FULL);
    const bare = withoutArticle(key);
    if (bare) this.addKey(bare, index, WITHOUT_ARTICLE);
    return index;
  }

  addKey(key: string, entry: number, tier: Tier): void {
    if (!key) return;
    const building = this.building!;
    let slot: number;
    const id = this.idOfKey.get(key);
    if (id !== undefined) slot = id - this.firstId;
    else if (this.base?.has(key)) {
      let rank = this.slotOfBaseKey.get(key);
      if (rank === undefined) this.slotOfBaseKey.set(key, (rank = this.slotOfBaseKey.size));
      slot = -1 - rank;
    } else {
      slot = this.keys.push(key) - 1;
      const newId = this.firstId + slot;
      this.idOfKey.set(key, newId);
      const space = key.indexOf(' ');
      if (space > 0) {
        const first = key.slice(0, space);
        const words = key.split(' ').length;
        if (words > this.longestFrom(first)) this.longest.set(first, words);
      }
      for (const g of trigrams(key)) {
        const ids = building.postings.get(g);
        if (ids) ids.push(newId);
        else building.postings.set(g, [newId]);
      }
    }
    building.rowSlot.push(slot);
    building.rowEntry.push(entry);
    building.rowTier.push(tier);
  }

  /** The grown arrays of a build into the flat ones lookups read (each key's rows in the order they were added). */
  pack(): this {
    const { rowSlot, rowEntry, rowTier, postings } = this.building!;
    this.building = null;
    const own = this.keys.length;
    for (const [key, rank] of this.slotOfBaseKey) this.slotOfBaseKey.set(key, own + rank);
    const slots = own + this.slotOfBaseKey.size;
    const slotOf = (s: number) => (s >= 0 ? s : own - 1 - s);
    const rowsFrom = new Int32Array(slots + 1);
    for (const s of rowSlot) rowsFrom[slotOf(s) + 1]!++;
    for (let s = 0; s < slots; s++) rowsFrom[s + 1]! += rowsFrom[s]!;
    const next = rowsFrom.slice(0, -1);
    const entryOf = new Int32Array(rowSlot.length);
    const tierOf = new Uint8Array(rowSlot.length);
    rowSlot.forEach((s, row) => {
      const at = next[slotOf(s)]!++;
      entryOf[at] = rowEntry[row]!;
      tierOf[at] = rowTier[row]!;
    });
    let total = 0;
    for (const ids of postings.values()) total += ids.length;
    const postingOf = new Map<string, number>();
    const postingsFrom = new Int32Array(postings.size + 1);
    const postingIds = new Int32Array(total);
    for (const [g, ids] of postings) {
      const p = postingOf.size;
      postingOf.set(g, p);
      postingIds.set(ids, postingsFrom[p]);
      postingsFrom[p + 1] = postingsFrom[p]! + ids.length;
    }
    this.rowsFrom = rowsFrom;
    this.entryOf = entryOf;
    this.tierOf = tierOf;
    this.postingOf = postingOf;
    this.postingsFrom = postingsFrom;
    this.postingIds = postingIds;
    return this;
  }

  /** What a key names, exactly (the base's entries first); a new array each call. */
  exact(key: string): Keyed[] {
    const id = this.idOfKey.get(key);
    // A key added here is not the base's.
    if (id !== undefined) return this.rows(id - this.firstId, []);
    const slot = this.slotOfBaseKey.get(key);
    const inBase = this.base ? this.base.exact(key) : [];
    return slot === undefined ? inBase : this.rows(slot, inBase);
  }

  private rows(slot: number, into: Keyed[]): Keyed[] {
    for (let row = this.rowsFrom[slot]!; row < this.rowsFrom[slot + 1]!; row++)
      into.push({ entry: this.entries[this.entryOf[row]!]!, tier: this.tierOf[row] as Tier });
    return into;
  }

  key(id: number): string {
    return id < this.firstId ? this.base!.key(id) : this.keys[id - this.firstId]!;
  }

  /** Counts the keys holding `gram` (by id, in `counts`), in increasing id order; an id counted for the first time goes into `touched`. */
  count(gram: string, counts: Uint16Array, touched: number[]): void {
    this.base?.count(gram, counts, touched);
    const p = this.postingOf.get(gram);
    if (p === undefined) return;
    for (let i = this.postingsFrom[p]!; i < this.postingsFrom[p + 1]!; i++) {
      const id = this.postingIds[i]!;
      if (counts[id] === 0) touched.push(id);
      counts[id]!++;
    }
  }
}

/**
 * The names of a geography's communes, former communes, arrondissements and intercommunalities
 * are the same whatever the knowledge base: they are indexed once per geography, and every
 * resolver on it (a server's after each change an administrator makes, each app a test file
 * starts) indexes only the knowledge base's names on top.
 */
const geographyIndexes = new WeakMap<Geography, NameIndex>();

function* geographyIndex(geo: Geography): Generator<void, NameIndex> {
  const known = geographyIndexes.get(geo);
  if (known) return known;
  const index = new NameIndex();
  let indexed = 0;
  for (const c of geo.communes.values()) {
    index.add(c.name, { kind: 'commune', label: c.name, commune: c });
    if (++indexed % NAMES_PER_STEP === 0) yield;
  }
  for (const f of geo.formerCommunes) {
    const current = geo.communes.get(f.currentCode);
    if (current) index.add(f.name, { kind: 'former-commune', label: f.name, commune: current });
  }
  for (const [, a] of geo.arrondissements) {
    const current = geo.communes.get(a.communeCode);
    if (current) index.add(a.name, { kind: 'arrondissement', label: a.name, commune: current });
  }
  for (const g of geo.groupings.values()) index.add(g.name, { kind: g.kind, label: g.name, grouping: g.code });
  geographyIndexes.set(geo, index.pack());
  return index;
}

export class Resolver {
  private index = new NameIndex().pack();
  private counts = new Uint16Array(0);
  private territoryOfGrouping = new Map<string, Territory>();
  private departmentKeys = new Map<string, string>();
  private builtRevision = -1;
  private lexicon!: Lexicon;
  private lexiconSource: Lexicon | LexiconSource;
  /** The build under way, while a deferred resolver is not built yet. */
  private pending: Iterator<void> | null = null;
  // Most lookups are for places asked before ("Oyonnax", "01100"): an answer is a pure function of
  // the text, the list and the knowledge base, so recent ones are kept until the base changes
  // (short texts only: a long description is seldom sent twice, and would hold its text), from the
  // second time a text is asked: a town asked once pays nothing for it (see Recent).
  private readonly recent = new Recent<LookupResult>(1000, { keepWhenAskedAgain: true });

  constructor(kb: KnowledgeBase, defaultWave: Wave, lexicon: Lexicon);
  constructor(kb: KnowledgeBase, defaultWave: Wave, lexicon: Lexicon | LexiconSource, deferred: boolean);
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly defaultWave: Wave,
    lexicon: Lexicon | LexiconSource,
    deferred = false,
  ) {
    this.lexiconSource = lexicon;
    this.pending = this.build();
    if (!deferred) this.finishBuild();
  }

  /**
   * A resolver whose word lists are loaded and indexes built later, step by step (`buildStep`), so
   * that a server can listen first. Whatever is asked before the last step finishes the build
   * there and then: that caller waits (under a second), and gets the same answer as ever.
   */
  static deferred(kb: KnowledgeBase, defaultWave: Wave, loadLexicon: LexiconSource): Resolver {
    return new Resolver(kb, defaultWave, loadLexicon, true);
  }

  get built(): boolean {
    return this.pending === null;
  }

  /** One step of a deferred build (reading a word list, or indexing a thousand names); true once built. */
  buildStep(): boolean {
    if (this.pending?.next().done) this.pending = null;
    return this.pending === null;
  }

  private finishBuild(): void {
    while (!this.buildStep());
  }

  /** Before any answer: the deferred build finished, or the indexes rebuilt when administrators changed the knowledge base. */
  private current(): void {
    if (this.pending) this.finishBuild();
    else if (this.builtRevision !== this.kb.revision) {
      this.pending = this.build();
      this.finishBuild();
    }
  }

  /** Rebuilt when administrators change the knowledge base, so new names resolve without a restart. */
  private *build(): Generator<void> {
    this.recent.clear();
    if (typeof this.lexiconSource === 'function') {
      const made = this.lexiconSource();
      this.lexicon = 'next' in made ? yield* made : made;
      this.lexiconSource = this.lexicon;
      yield;
    } else this.lexicon = this.lexiconSource;
    this.territoryOfGrouping = new Map();
    this.departmentKeys = new Map();
    const kb = this.kb;
    const geo = kb.geo;
    const index = new NameIndex(yield* geographyIndex(geo));
    const shortNames = new Map<string, Commune[]>();
    for (const c of geo.communes.values()) for (const short of shortNamesOf(c.name)) shortNames.set(short, [...(shortNames.get(short) ?? []), c]);
    const entryOfTerritory = new Map<Territory, number>();
    for (const wave of kb.waves()) {
      for (const t of kb.territories(wave)) {
        const entry = index.add(t.name, { kind: 'territory', label: t.name, territory: t });
        entryOfTerritory.set(t, entry);
        const parts = namePartsOf(t.name).filter((p) => p.length >= 4);
        if (parts.length > 1) for (const part of parts) index.addKey(part, entry, SHORT);
        for (const m of t.members) if (m.kind !== 'commune') this.territoryOfGrouping.set(`${wave}/${m.code}`, t);
      }
    }
    for (const [short, communes] of shortNames) {
      // "Maison" is not Maison-Rouge: an everyday word alone is not a short name, nor after an
      // article ("La Maison"). Two words are a name whatever they are ("Port-Jérôme"), and so is a
      // saint's ("Saint-Dié": "dié" is also an English word).
      const words = short.split(' ');
      const own = words.filter((w) => !CONNECTORS.has(w));
      if (!SAINTS.has(words[0]!) && own.length < 2 && own.every((w) => this.lexicon.wordness(w) > ORDINARY_SHORT_NAME)) continue;
      const largest = communes.sort((a, b) => b.population - a.population).slice(0, MAX_SHORT_NAME_COMMUNES);
      for (const c of largest) index.addKey(short, index.entries.push({ kind: 'commune', label: c.name, commune: c }) - 1, SHORT);
    }
    for (const d of geo.departments.values()) this.departmentKeys.set(normalizeName(d.name), d.code);
    // "Maurienne", "l'Arve": a territory called after its valley or its "pays" is known by that
    // name alone, when no commune, intercommunality or department bears it and it is no everyday word.
    // Keys taken before this pass only: both waves' territories of one name keep that key.
    const cores: Array<[string, Territory]> = [];
    for (const wave of kb.waves()) {
      for (const t of kb.territories(wave)) {
        for (const core of coreNamesOf(t.name)) {
          if (index.has(core) || this.departmentKeys.has(core) || core.split(' ').every((w) => this.lexicon.wordness(w) > ORDINARY_SHORT_NAME)) continue;
          cores.push([core, t]);
        }
      }
    }
    for (const [core, t] of cores) index.addKey(core, entryOfTerritory.get(t)!, SHORT);
    this.index = index.pack();
    this.counts = new Uint16Array(index.size);
    this.builtRevision = kb.revision;
  }

  /** What a text names (frozen once kept: the same answer is then handed to every caller that asks the same). */
  lookup(rawQuery: string, options: LookupOptions = {}): LookupResult {
    this.current();
    const wave = options.wave ?? this.defaultWave;
    const text = String(rawQuery ?? '');
    if (text.length > MAX_KEPT_QUERY) return deepFreeze(this.read(text, wave));
    const key = `${wave}\u0000${text}`;
    return this.recent.get(key) ?? this.recent.set(key, this.read(text, wave));
  }

  private read(rawQuery: string, wave: Wave): LookupResult {
    const query = bounded(String(rawQuery ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '));
    if (!query) return this.result(query, wave, [], 'empty');

    const territoryId = TERRITORY_ID.exec(query)?.[1];
    const territory = territoryId ? this.kb.territory(wave, `ti-${territoryId}`) : undefined;
    if (territory) return this.result(query, wave, [territoryCandidate(territory)]);

    const { codes, rest, departments, cedex } = this.extractCodes(query);
    if (codes.length > 0) return this.byCodes(query, wave, codes, rest, departments, cedex);
    // A department named alone ("Puy-de-Dôme", "dans la Loire") is not a part of a commune's name
    // (Le Puy, Loiré): the commune is asked within it. Unless a commune bears that very name (Paris, Vienne).
    const departmentAlone = departments.size === 0 ? this.departmentNamedAlone(rest) : null;
    if (departmentAlone) return this.departmentResult(query, wave, departmentAlone);
    // "Allier 03": the department's own name and code, where no commune of that name lies.
    if (departments.size > 0 && this.namesDepartmentGiven(rest, departments))
      return { ...this.result(query, wave, [], 'department-only'), departments: [...departments] };
    const named = this.byName(rest, wave, departments);
    if (named.department) return this.departmentResult(query, wave, named.department);
    if (named.candidates.length > 0) {
      const found = this.result(query, wave, named.candidates);
      return found.status === 'ambiguous' && named.name && named.name !== query.trim() ? { ...found, placeName: named.name } : found;
    }
    const departmentsNamed = this.departmentOnly(rest, departments);
    if (departmentsNamed) return { ...this.result(query, wave, [], 'department-only'), departments: departmentsNamed };
    const unknown = this.result(query, wave, [], named.reason);
    return named.name ? { ...unknown, placeName: named.name } : unknown;
  }

  /** A department named, as a question of which commune in it, with the villages of its name offered beside it. */
  private departmentResult(query: string, wave: Wave, named: DepartmentNamed): LookupResult {
    const result: LookupResult = { ...this.result(query, wave, [], 'department-only'), departments: [named.code] };
    const namesakes = named.namesakes.flatMap((k) => this.fromEntry(k, wave)).sort((a, b) => b.weight - a.weight);
    if (namesakes.length > 0) result.namesakes = namesakes.slice(0, MAX_CANDIDATES).map(choiceOf);
    return result;
  }

  private byCodes(query: string, wave: Wave, codes: string[], rest: string, departments: Set<string>, cedex: boolean): LookupResult {
    // "INSEE 01100" / "code commune 01100" means the INSEE code, even where it is also a postal code.
    const preferInsee = !cedex && /\b(insee|cog|code (commune|officiel|geographique))\b/i.test(foldAccentsLower(query));
    const words = normalizeWords(rest).filter((w) => !FILLER.has(w));
    const named = words.length > 0 ? this.byName(rest, wave, departments).candidates : [];
    // A CEDEX code is a mail sorting code, not a place's: its department is all it tells.
    const codeDepartments = new Set(codes.map(departmentOfCode));
    const namedInDepartment = named.filter((n) => n.commune && codeDepartments.has(n.commune.department));
    if (cedex && namedInDepartment.length > 0) return this.result(query, wave, namedInDepartment);

    let candidates = codes.flatMap((c) => this.byCode(c, wave, preferInsee && !cedex));
    if (named.length > 0) {
      const codesOfNamed = new Set(named.map((n) => n.commune?.code));
      const narrowed = candidates.filter((c) => codesOfNamed.has(c.commune?.code));
      // "01117 Oyonnax": the code is wrong or a CEDEX; the name in the code's department is meant.
      if (narrowed.length > 0) candidates = narrowed;
      else if (namedInDepartment.length > 0) candidates = namedInDepartment;
    }
    if (candidates.length === 0) return this.result(query, wave, [], 'unknown-code');
    const result = this.result(query, wave, candidates);
    // Only for a bare code: "01100 Oyonnax" already says which commune is meant.
    const other = codes.length === 1 && words.length === 0 && !preferInsee ? this.kb.geo.currentCommune(codes[0]!) : undefined;
    if (other && candidates.every((c) => c.matchedBy === 'postal-code' && c.commune?.code !== other.code)) result.inseeCodeOf = communeRef(other);
    return result;
  }

  /** For a commune already identified by its INSEE code (e.g. from a SIRET's establishment). */
  lookupCommuneCode(code: string, options: LookupOptions & { query?: string; matchedBy?: string } = {}): LookupResult {
    this.current();
    const wave = options.wave ?? this.defaultWave;
    const commune = this.kb.geo.currentCommune(code);
    const candidates = commune ? [this.fromCommune(commune, wave, options.matchedBy ?? 'insee', commune.name)] : [];
    return this.result(options.query ?? code, wave, candidates, 'unknown-code');
  }

  /** A territory named by its id (a widget preset, a link): its card without any search. */
  lookupTerritory(id: string, options: LookupOptions = {}): LookupResult {
    this.current();
    const wave = options.wave ?? this.defaultWave;
    const territory = this.kb.territory(wave, id);
    return this.result(id, wave, territory ? [territoryCandidate(territory)] : [], 'unknown-place');
  }

  private extractCodes(query: string): { codes: string[]; rest: string; departments: Set<string>; cedex: boolean } {
    const codes: string[] = [];
    const departments = new Set<string>();
    // Every code and department form below has a digit: most messages (a town's name) have none.
    if (!/\d/.test(query)) return { codes, rest: query, departments, cedex: false };
    const geo = this.kb.geo;
    const cedex = /\bcedex\b/i.test(query);
    let rest = query.replace(/\b(\d{5}|2[ABab]\d{3})\b/g, (m) => {
      codes.push(m.toUpperCase());
      return ' ';
    });
    // "01 100", as postal codes are often printed; never an amount ("12 000 €") or a count.
    rest = rest.replace(/(?<![\d.,])\b(\d{2}) (\d{3})\b(?![\d.,])/g, (m, a: string, b: string, offset: number, whole: string) => {
      const code = a + b;
      if (!geo.byPostalCode.has(code) || AMOUNT_AFTER.test(whole.slice(offset + m.length))) return m;
      codes.push(code);
      return ' ';
    });
    const department = (m: string, code: string) => {
      const c = code.toUpperCase();
      if (!geo.departments.has(c)) return m;
      departments.add(c);
      return ' ';
    };
    // "Les Cluses (Pyrénées-Orientales, 66)", as the answers and cards label a commune: the name in
    // the brackets is the department's, not a place to look for.
    const namedDepartment = (m: string, name: string, code: string) =>
      this.departmentKeys.get(normalizeName(name)) === code.toUpperCase() ? department(m, code) : m;
    rest = rest
      .replace(/\(([^(),]{2,40}),\s*(\d{2,3}|2[ABab])\s*\)/g, (m, name: string, c: string) => namedDepartment(m, name, c))
      .replace(/\(\s*(\d{2,3}|2[ABab])\s*\)/g, (m, c: string) => department(m, c))
      .replace(/\b(?:departement|département|dept|dpt|dep)\.?\s*(?:du\s+|de\s+l'|n°\s*)?(\d{2}|2[ABab]|97[1-6])\b/gi, (m, c: string) => department(m, c))
      .replace(/(?:^|\s)(\d{2}|2[ABab]|97[1-6])\s*[?!.…]*\s*$/, (m, c: string) => department(m, c));
    return { codes, rest, departments, cedex };
  }

  /** "le 04", "74", "Haute-Savoie": a department and nothing else, which narrows a pending choice. */
  private departmentOnly(rest: string, departments: Set<string>): string[] | null {
    // "nous sommes 45" is a headcount, "le 45" or "dans le 45" a department.
    const key = departmentWordsKey(rest);
    if (departments.size > 0 && key === '') return [...departments];
    const code = this.departmentKeys.get(key);
    return code ? [...departments, code] : null;
  }

  /**
   * The department a message names and nothing else ("Puy-de-Dôme", "on est dans la Loire"), unless
   * a town bears that very name, accents included (Paris, Vienne; not Loiré for "Loire"), or a
   * commune lies in that department under its name (Corrèze, Mayenne, Saint-Barthélemy). Villages
   * of that name elsewhere (Allier (65), the two Aube) are offered beside it as namesakes.
   */
  private departmentNamedAlone(text: string): DepartmentNamed | null {
    const words = normalizeWords(text);
    let start = 0;
    while (start < words.length && (DEPARTMENT_WORDS.has(words[start]!) || SITE_WORDS.has(words[start]!))) start++;
    return this.departmentNamed(words.slice(start).join(' '), start > 0 ? words[start - 1]! : '', text.toLowerCase());
  }

  /** The department whose name the place found is, or is part of ("Loire" of "Haute-Loire"), weighed as departmentNamed weighs it. */
  private departmentAround(tokens: Token[], words: string[], span: SpanMatch): DepartmentNamed | null {
    let best: [number, number] | null = null;
    for (let start = Math.max(0, span.end - MAX_DEPARTMENT_WORDS); start <= span.start; start++) {
      // The runs from start that cover the span, each its predecessor and one more word.
      let run = words.slice(start, span.end).join(' ');
      for (let end = span.end; end <= Math.min(words.length, start + MAX_DEPARTMENT_WORDS); end++) {
        if (end > span.end) run += ` ${words[end - 1]!}`;
        if ((!best || end - start > best[1] - best[0]) && this.departmentKeys.has(run)) best = [start, end];
      }
    }
    if (!best) return null;
    const [start, end] = best;
    return this.departmentNamed(words.slice(start, end).join(' '), start > 0 ? words[start - 1]! : '', typedRun(tokens, start, end).toLowerCase());
  }

  /**
   * The department `key` names, as departmentNamedAlone weighs it: `before` is the word before it,
   * `typed` the text it was read in. A Territoire d'industrie of that name is offered beside it too.
   */
  private departmentNamed(key: string, before: string, typed: string): DepartmentNamed | null {
    const code = this.departmentKeys.get(key);
    if (!code) return null;
    // "dans l'Allier", "la Vienne": a department takes an article, the commune of that name does not.
    if (ARTICLES.has(before)) return { code, namesakes: [] };
    const namesakes: Keyed[] = [];
    for (const k of this.exact(key)) {
      const label = k.entry.label;
      if (k.entry.kind === 'territory' && k.tier === FULL) namesakes.push(k);
      if (k.tier === SHORT || k.entry.kind !== 'commune') continue;
      if (k.entry.commune?.department === code) return null;
      // Typed with its own accents ("Loiré"), the commune is meant; without them, only its department.
      if (foldAccents(label) !== label) {
        if (typed.includes(label.toLowerCase())) return null;
        continue;
      }
      if (normalizeName(label) !== key) continue;
      // "à Allier" names the town: French says "à" before a town, "dans l'" or "en" before a department.
      if (before === 'a' || populationOf(k.entry) >= KNOWN_BY_NAME_ALONE) return null;
      namesakes.push(k);
    }
    return { code, namesakes };
  }

  /** "Allier 03", "Aube (10)": the name of a department whose code is given too, and no commune of that name in it. */
  private namesDepartmentGiven(rest: string, departments: Set<string>): boolean {
    const key = departmentWordsKey(rest);
    const code = this.departmentKeys.get(key);
    return code !== undefined && departments.has(code) && !this.exact(key).some((k) => k.entry.kind === 'commune' && k.entry.commune?.department === code);
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

  private byName(
    text: string,
    wave: Wave,
    departments: Set<string>,
  ): { candidates: Candidate[]; reason: NoPlaceReason; name?: string; department?: DepartmentNamed } {
    const tokens = tokenize(text);
    const words = tokens.map((t) => t.word);
    if (words.length === 0) return { candidates: [], reason: 'no-place' };

    const found = this.bestName(tokens, words, departments.size > 0);
    if (!found) {
      const name = this.unknownName(tokens);
      return name ? { candidates: [], reason: 'unknown-place', name } : { candidates: [], reason: 'no-place' };
    }
    // "PME de 30 salariés dans l'Allier": the department, not the village of its name (65).
    const department = departments.size === 0 ? this.departmentAround(tokens, words, found.span) : null;
    if (department) return { candidates: [], reason: 'department-only', department };
    // Department names typed next to a homonym ("Saint-Martin Savoie") narrow the choice.
    for (const [start, end] of [
      [0, found.span.start],
      [found.span.end, words.length],
    ] as const) {
      for (let i = start; i < end; i++) {
        // The runs of words from i, each its predecessor and one more word.
        let run = words[i]!;
        for (let n = 1; n <= MAX_DEPARTMENT_WORDS && i + n <= end; n++) {
          if (n > 1) run += ` ${words[i + n - 1]!}`;
          const code = this.departmentKeys.get(run);
          if (code) departments.add(code);
        }
      }
    }
    let candidates = found.entries.flatMap((e) => this.fromEntry(e, wave));
    if (departments.size > 0) {
      const inDepartment = candidates.filter((c) => c.commune && departments.has(c.commune.department));
      if (inDepartment.length > 0) candidates = inDepartment;
    }
    return { candidates, reason: 'no-place', name: typedRun(tokens, found.span.start, found.span.end) };
  }

  /**
   * The place the text most likely names: every run of words that is a place name, then, when
   * words remain that no list knows, the same with typos; each weighed by placeConfidence.
   */
  private bestName(tokens: Token[], words: string[], departmentGiven: boolean): Found | null {
    // Most lookups are a place's name and nothing else ("Saint-Étienne-du-Rouvray"). Accepted, that
    // name explains every word, so nothing below can win over it (a shorter run or a plural loses to
    // the longest name, and no typo window is longer than the message): the runs inside it are
    // neither looked up nor weighed. Not accepted ("Plus", "Orange" in a sentence), the search is as ever.
    if (words.length <= MAX_SPAN_WORDS) {
      const whole = this.exact(words.join(' '));
      if (whole.length > 0) {
        const found = this.weigh(tokens, whole, 0, words.length, 0, departmentGiven);
        if (found.score >= ACCEPT) return found;
      }
    }
    let best: Found | null = null;
    // The name that explains the most words wins ("Rennes-le-Château" over Rennes), then the odds.
    const consider = (found: Found) => {
      if (found.score < ACCEPT || partOfLongerName(tokens, found.span)) return;
      const length = found.span.end - found.span.start;
      const bestLength = best ? best.span.end - best.span.start : 0;
      if (!best || length > bestLength || (length === bestLength && found.score > best.score)) best = found;
    };
    for (let n = Math.min(MAX_SPAN_WORDS, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        if (n > 1 && this.index.longestFrom(words[i]!) < n) continue;
        const key = words.slice(i, i + n).join(' ');
        if (n === 1 && words.length > 1 && key.length <= 2) continue;
        const keyed = this.exact(key);
        if (keyed.length > 0) consider(this.weigh(tokens, keyed, i, i + n, 0, departmentGiven));
      }
    }
    // "on est a cluse": after a locative, a word one plural 's' away from a name is that name,
    // even when the word exists ("cluse" is a word, so no typo would be tried for it).
    words.forEach((w, i) => {
      if (w.length < 4 || FILLER.has(w) || this.exact(w).length > 0 || !locativeBefore(tokens, i)) return;
      for (const key of w.endsWith('s') ? [w + 's', w.slice(0, -1)] : [w + 's']) {
        const keyed = this.exact(key);
        if (keyed.length > 0) consider(this.weigh(tokens, keyed, i, i + 1, 1, departmentGiven));
      }
    });
    // An exact run may be only the start of a longer, misspelt name ("Montigny-en-Cambrésis"
    // typed with a typo matches the many "Montigny"): words no list knows call for typos.
    const found = best as Found | null;
    const unexplained = (i: number) => {
      const w = words[i];
      return w !== undefined && w.length > 2 && !FILLER.has(w) && !/\d/.test(w) && !this.departmentKeys.has(w);
    };
    const targets = found ? this.extensions(tokens, found.span, unexplained) : this.fuzzyTargets(words);
    for (const [start, end] of targets) {
      const typed = words.slice(start, end);
      if (!mayBeTypo(typed, this.lexicon)) continue;
      const fuzzy = this.fuzzy(typed.join(' '));
      if (fuzzy) consider(this.weigh(tokens, fuzzy.entries, start, end, fuzzy.distance, departmentGiven));
    }
    return best;
  }

  private mayBeName(word: string): boolean {
    return word.length > 2 && !FILLER.has(word) && !/\d/.test(word) && !this.lexicon.isKnown(word) && !this.departmentKeys.has(word);
  }

  /**
   * No place found, but a word no list knows stands where a place would: the unknown name, as
   * typed, so the answer quotes it rather than the whole sentence ("in Dunkirk, who do I call at
   * Bpifrance?" → "Dunkirk"): the words after a locative, else the first capitalised ones, else
   * (a message of one or two words) the message's words. Null when nothing looks like a name.
   */
  private unknownName(tokens: Token[]): string | null {
    const content = tokens.map((t, i) => this.mayBeName(t.word) || saintsName(tokens, i));
    if (!content.some(Boolean)) return null;
    let start = tokens.findIndex((t, i) => content[i] && locativeBefore(tokens, i));
    if (start < 0) start = tokens.findIndex((t, i) => content[i] && t.capital);
    if (start < 0) return tokens.length <= 2 ? typedRun(tokens, 0, tokens.length) : null;
    // The run of name words around it ("Saint-Trucville-sur-Mer", "Trucville Haute").
    while (start > 0 && hyphenated(tokens[start]!)) start--;
    let end = start + 1;
    while (end < tokens.length && (tokens[end]!.joined || (content[end] && tokens[end]!.capital))) end++;
    return typedRun(tokens, start, end);
  }

  private weigh(tokens: Token[], keyed: Keyed[], start: number, end: number, distance: number, departmentGiven: boolean): Found {
    const tier = Math.min(...keyed.map((k) => k.tier)) as Tier;
    // The full and article-less namesakes are both offered ("Cluses" and "Les Cluses"); a short
    // name when nothing is named in full, or when it is a far larger town's ("Charleville" is
    // also Charleville-Mézières, "Boulogne" also Boulogne-Billancourt and Boulogne-sur-Mer).
    const named = keyed.filter((k) => k.tier !== SHORT);
    // A former commune's own population is not published (its entry carries the merged commune's):
    // it cannot outweigh a large town known by a short name ("Boulogne", Vendée, is a former commune).
    const largestNamed = Math.max(0, ...named.map((k) => (k.entry.kind === 'former-commune' ? 0 : populationOf(k.entry))));
    const knownBelow = Math.max(KNOWN_BY_SHORT_NAME, SHORT_NAME_DOMINANCE * largestNamed);
    // Such a town is offered as if named in full: Clermont-Ferrand before the small Clermonts.
    const entries = keyed.flatMap((k): Keyed[] => {
      if (k.tier !== SHORT || named.length === 0) return [k];
      return distance === 0 && k.entry.commune !== undefined && populationOf(k.entry) >= knownBelow ? [{ entry: k.entry, tier: FULL }] : [];
    });
    const population = Math.max(...entries.map((k) => populationOf(k.entry)));
    const names = entries.map((k) => (k.entry.typed ??= typedForm(k.entry.label)));
    const span: SpanMatch = { start, end, distance, population, withoutArticle: tier === WITHOUT_ARTICLE, names, departmentGiven };
    const ordinaryWord = foldedWord(tokens, span, this.lexicon, tier === FULL) || englishWord(tokens, span, this.lexicon);
    const score = ordinaryWord ? -Infinity : placeConfidence(tokens, span, this.lexicon);
    return { entries, span, score };
  }

  /** What a key names, exactly; a new array each call (a caller may keep or change it). */
  private exact(key: string): Keyed[] {
    return this.index.exact(key);
  }

  /**
   * A name found exactly may be the start or end of a longer, misspelt one: the words joined to
   * it by hyphens ("Chigny-les-oses"), or one or two words around it ("Montigny en Cambresi").
   */
  private extensions(tokens: Token[], span: SpanMatch, unexplained: (i: number) => boolean): Array<[number, number]> {
    let groupStart = span.start;
    let groupEnd = span.end;
    while (groupStart > 0 && tokens[groupStart]!.joined) groupStart--;
    while (groupEnd < tokens.length && tokens[groupEnd]!.joined) groupEnd++;
    const windows: Array<[number, number]> = [
      [groupStart, groupEnd],
      [span.start, span.end + 1],
      [span.start, span.end + 2],
      [span.start - 1, span.end],
      [span.start - 2, span.end],
    ];
    const seen = new Set<string>();
    return windows.filter(([s, e]) => {
      if (s < 0 || e > tokens.length || e - s <= span.end - span.start || e - s > 6 || seen.has(`${s}:${e}`)) return false;
      seen.add(`${s}:${e}`);
      for (let i = s; i < e; i++) if ((i < span.start || i >= span.end) && unexplained(i)) return true;
      return false;
    });
  }

  /** What to try with typo tolerance: the whole text if short, the words after a locative, long words. */
  private fuzzyTargets(words: string[]): Array<[number, number]> {
    const targets: Array<[number, number]> = [];
    const [start, end] = trimFiller(words);
    if (end > start && words.slice(start, end).filter((w) => !FILLER.has(w)).length <= 5) targets.push([start, end]);
    for (let i = 0; i < words.length - 1; i++) {
      if (!LOCATIVES.has(words[i]!) || FILLER.has(words[i + 1]!)) continue;
      for (let n = Math.min(3, words.length - i - 1); n >= 1; n--) targets.push([i + 1, i + 1 + n]);
    }
    words.forEach((w, i) => {
      if (w.length >= 5 && !FILLER.has(w)) targets.push([i, i + 1]);
    });
    const seen = new Set<string>();
    return targets
      .filter(([s, e]) => {
        const key = `${s}:${e}`;
        if (seen.has(key) || words.slice(s, e).join(' ').length < 3) return false;
        seen.add(key);
        return true;
      })
      .slice(0, MAX_FUZZY_TARGETS);
  }

  private fuzzy(key: string): { entries: Keyed[]; distance: number } | null {
    const budget = maxTypos(key.length);
    if (budget === 0 || key.length > MAX_NAME_LENGTH) return null;
    const grams = trigrams(key);
    // One edit changes at most three trigrams, a transposition four.
    const needed = Math.max(1, grams.length - 4 * budget);
    const touched: number[] = [];
    for (const g of grams) this.index.count(g, this.counts, touched);
    // Names sharing the most trigrams first: once a close name is found, the bound tightens and
    // the many names that merely share "saint " or "-sur-" are never compared letter by letter.
    const byShared: number[][] = Array.from({ length: grams.length + 1 }, () => []);
    for (const id of touched) {
      const count = this.counts[id]!;
      this.counts[id] = 0;
      if (count >= needed) byShared[count]!.push(id);
    }
    let bestDistance = budget + 1;
    let best: number[] = [];
    let compared = 0;
    for (let shared = grams.length; shared >= needed && compared < MAX_COMPARED; shared--) {
      if (shared < grams.length - 4 * (bestDistance - 1) && best.length > 0) break;
      for (const id of byShared[shared]!) {
        if (++compared > MAX_COMPARED) break;
        const d = editDistance(key, this.index.key(id), Math.min(budget, bestDistance));
        if (d > budget) continue;
        if (d < bestDistance) {
          bestDistance = d;
          best = [id];
        } else if (d === bestDistance) best.push(id);
      }
    }
    if (best.length === 0) return null;
    // "Trucville" is two edits from both Tronville and Tréville: an unknown name, not a typo for either.
    if (bestDistance > 1 && best.length > 1) return null;
    return { entries: best.flatMap((id) => this.exact(this.index.key(id))), distance: bestDistance };
  }

  private fromCommune(c: Commune, wave: Wave, matchedBy: string, label: string, tier: Tier = FULL): Candidate {
    return {
      commune: c,
      territory: this.kb.territoryOfCommune(c.code, wave),
      regionCode: c.region,
      label,
      weight: c.population,
      matchedBy,
      tier,
    };
  }

  private fromEntry({ entry: e, tier }: Keyed, wave: Wave): Candidate[] {
    if (e.commune) {
      const label = e.kind === 'commune' ? e.commune.name : `${e.label} → ${e.commune.name}`;
      return [this.fromCommune(e.commune, wave, e.kind === 'commune' ? 'commune' : 'former-commune', label, tier)];
    }
    if (e.territory) {
      if (e.territory.wave !== wave) return [];
      return [{ ...territoryCandidate(e.territory), tier }];
    }
    if (e.grouping) return this.fromGrouping(e.grouping, e.label, wave, tier);
    return [];
  }

  /**
   * An intercommunality: its territory when it is a member, else the territories some of its
   * communes belong to on their own ("en partie", e.g. CC Haute-Corrèze Communauté in 2023),
   * else none.
   */
  private fromGrouping(code: string, label: string, wave: Wave, tier: Tier): Candidate[] {
    const grouping = this.kb.geo.groupings.get(code);
    const communes = (grouping?.memberCodes ?? []).map((c) => this.kb.geo.communes.get(c)).filter((c): c is Commune => c !== undefined);
    const base = { commune: null, regionCode: communes[0]?.region ?? '', label, weight: 1e8, matchedBy: 'epci', tier, grouping: code };
    const member = this.territoryOfGrouping.get(`${wave}/${code}`);
    if (member) return [{ ...base, territory: member }];
    const parts = new Map<Territory, Commune[]>();
    for (const c of communes) {
      const t = this.kb.territoryOfCommune(c.code, wave);
      if (t) parts.set(t, [...(parts.get(t) ?? []), c]);
    }
    if (parts.size === 0) return [{ ...base, territory: null }];
    const several = parts.size > 1;
    return [...parts].map(([territory, inside]) => ({
      ...base,
      territory,
      regionCode: territory.regionCode,
      label: several ? `${label} → ${territory.name}` : label,
      weight: 1e8 + inside.length,
      partial: { communes: inside, total: communes.length },
    }));
  }

  /** A commune's EPT inside the Métropole du Grand Paris (territories there are made of EPTs), else its EPCI. */
  private intercommunalityOf(c: Commune, wave: Wave, territory: Territory | null): LookupResult['intercommunality'] {
    return this.groupingRef(c.ept ?? c.epci, wave, territory);
  }

  private groupingRef(code: string | null | undefined, wave: Wave, territory: Territory | null): LookupResult['intercommunality'] {
    const g = code ? this.kb.geo.groupings.get(code) : undefined;
    if (!g) return undefined;
    const member = territory !== null && this.territoryOfGrouping.get(`${wave}/${g.code}`) === territory;
    return { code: g.code, name: g.name, kind: g.kind, member };
  }

  private result(query: string, wave: Wave, raw: Candidate[], reason: NoPlaceReason = 'no-place'): LookupResult {
    const seen = new Set<string>();
    let candidates = raw
      .filter((c) => {
        const key = `${c.commune?.code ?? ''}/${c.territory?.id ?? ''}/${c.commune ? '' : c.label}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.tier - b.tier || b.weight - a.weight);
    // Literals with every property in the order a spread of a common base gave (the API's JSON
    // keeps it): V8 builds a spread with overridden properties on its slow path.
    if (candidates.length === 0) return { query, wave, territory: null, commune: null, candidates: [], referents: [], status: 'unknown', reason };

    // "Cluses" is Cluses (74), not the small Les Cluses (66), which stays named as a namesake.
    const full = candidates.filter((c) => c.tier === FULL);
    const partial = candidates.filter((c) => c.tier !== FULL);
    let namesakes: Candidate[] = [];
    if (full.length > 0 && partial.length > 0 && new Set(full.map(answerOf)).size === 1 && partial.every((p) => p.weight * DOMINANCE <= full[0]!.weight)) {
      namesakes = partial;
      candidates = full;
    }
    const answers = new Set(candidates.map(answerOf));
    if (answers.size === 1) {
      const first = candidates[0]!;
      const communes = new Set(candidates.map((c) => c.commune?.code));
      const commune = communes.size === 1 ? first.commune : null;
      const resolved: LookupResult = {
        query,
        wave,
        territory: first.territory ? territoryRef(first.territory) : null,
        commune: commune ? communeRef(commune) : null,
        candidates: [],
        referents: first.territory ? this.kb.referents(first.territory) : this.kb.regionalReferents(first.regionCode),
        status: 'resolved',
        matchedBy: first.matchedBy,
      };
      if (namesakes.length > 0) resolved.namesakes = namesakes.slice(0, MAX_CANDIDATES).map(choiceOf);
      // The commune's intercommunality, or the one the query named.
      const door = commune
        ? this.intercommunalityOf(commune, wave, first.territory)
        : candidates.length === 1
          ? this.groupingRef(first.grouping, wave, first.territory)
          : undefined;
      if (door) resolved.intercommunality = door;
      if (first.partial && candidates.length === 1) resolved.partial = { communes: first.partial.communes.map(communeRef), total: first.partial.total };
      return resolved;
    }
    const answer: LookupResult = {
      query,
      wave,
      territory: null,
      commune: null,
      candidates: candidates.slice(0, MAX_CANDIDATES).map(choiceOf),
      referents: [],
      status: 'ambiguous',
      matchedBy: candidates[0]!.matchedBy,
    };
    if (candidates.length > MAX_CANDIDATES) answer.omittedCandidates = candidates.length - MAX_CANDIDATES;
    return answer;
  }
}

/** "ti-8413" (not a request reference such as "TI-8413-AB12C"). */
const TERRITORY_ID = /\bti[- ]?(\d{4})\b(?![- ]?[a-z0-9]{5}\b)/i;

/** What a candidate answers: its territory, or the regional entry points of a place in none. */
function answerOf(c: Candidate): string {
  return c.territory?.id ?? `none:${c.regionCode}`;
}

function choiceOf(c: Candidate): LookupResult['candidates'][number] {
  return {
    commune: c.commune ? communeRef(c.commune) : null,
    territory: c.territory ? territoryRef(c.territory) : null,
    label: c.commune && c.matchedBy !== 'postal-code' ? `${c.label} (${c.commune.departmentName}, ${c.commune.department})` : c.label,
  };
}

function territoryCandidate(territory: Territory): Candidate {
  return { commune: null, territory, regionCode: territory.regionCode, label: territory.name, weight: 1e9, matchedBy: 'territory', tier: FULL };
}

/** The words of a message but those said around a department ("dans le", "non plutôt"), as a key. */
function departmentWordsKey(text: string): string {
  return normalizeWords(text)
    .filter((w) => !DEPARTMENT_WORDS.has(w))
    .join(' ');
}

/** Territories and intercommunalities are known by name; they weigh as a large town. */
function populationOf(e: NameEntry): number {
  return e.commune ? e.commune.population : 1e5;
}

/** The department a postal or CEDEX code belongs to (Corsica's 20xxx: both 2A and 2B). */
function departmentOfCode(code: string): string {
  if (code.startsWith('97')) return code.slice(0, 3);
  return code.slice(0, 2);
}

/**
 * The usual short forms of a compound name: "Romorantin" for Romorantin-Lanthenay, "Chamonix"
 * for Chamonix-Mont-Blanc, "Ancenis" for Ancenis-Saint-Géréon (the merged commune keeps the old
 * town's name first), "Saint-Dié" for Saint-Dié-des-Vosges, "Les Sables" for Les
 * Sables-d'Olonne (a leading article or saint stays with the word it qualifies). A short form
 * never ends on a link word ("Saint-Julien-en"). Where communes bear the short form in full
 * ("Saint-Julien", "Le Puy"), they come first unless the town is far larger (see weigh).
 */
function shortNamesOf(name: string): string[] {
  const words = normalizeWords(name);
  const out: string[] = [];
  const first = words.findIndex((w) => !CONNECTORS.has(w));
  if (first < 0) return out;
  for (let n = first + 1; n < words.length; n++) {
    const last = words[n - 1]!;
    if (CONNECTORS.has(last)) continue;
    out.push(words.slice(0, n).join(' '));
  }
  return out;
}

function hyphenated(token: Token): boolean {
  return token.joined && token.raw.startsWith('-');
}

/** "Saint-Machin": a saint's name, whatever follows. */
function saintsName(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return SAINTS.has(tokens[i]!.word) && next !== undefined && hyphenated(next);
}

/**
 * A run that is only a piece of a longer hyphenated name typed: "Saint" of "Saint-Machin" is not
 * Le Saint, "Loire" of "Saint-Trucmuche-sur-Loire" is not the Loire's namesakes. The first piece
 * of one still answers ("Clermont-Fd", "Villeneuve-Truc": the user's own short form).
 */
function partOfLongerName(tokens: readonly Token[], span: SpanMatch): boolean {
  if (span.end - span.start === 1 && saintsName(tokens, span.start)) return true;
  const first = tokens[span.start]!;
  return hyphenated(first) && CONNECTORS.has(tokens[span.start - 1]!.word);
}

/** Heads of a territory's name that say what kind of area it is, not which: "Vallée de la", "Pays d'". */
const AREA_HEAD = /^(?:vallees?|pays|bassin|baie) (?:(?:de la|de l|du|des|de|d|l) )?(.+)$/;

/** The parts of a territory's name of several, normalised: "Pays de Gex – Genevois – Terre Valserhône". */
function namePartsOf(name: string): string[] {
  return name.split(/\s[–—-]\s|\s\/\s|,\s*/).map(normalizeName);
}

/** "Vallée de la Maurienne" → "maurienne"; of each part of a name of several ("Vallée de la Bresle – Vimeu"). */
function coreNamesOf(name: string): string[] {
  const cores = namePartsOf(name)
    .map((part) => AREA_HEAD.exec(part)?.[1])
    .filter((core): core is string => core !== undefined && core.length >= 4);
  return [...new Set(cores)];
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
