import type { Geography } from './geography';
import type { EntryPoint, Operator, OperatorId, ReferentSlot, ReferentView, Territory, Wave } from './types';
import { ENTRY_POINT_CERTAINTIES, OPERATOR_IDS } from './types';
import { researchNoteIn } from './sources';

export interface KbMeta {
  builtAt: string;
  sources: string[];
  notes?: string[];
}
export interface TerritoriesDoc {
  meta: KbMeta;
  territories: Territory[];
}
export interface OperatorsDoc {
  meta: KbMeta;
  operators: Operator[];
  entryPoints: EntryPoint[];
}
export interface ReferentsDoc {
  meta: KbMeta;
  slots: ReferentSlot[];
}

export interface KnowledgeDocs {
  territories: TerritoriesDoc;
  operators: OperatorsDoc;
  referents: ReferentsDoc;
}

/** Where the knowledge base is kept (the JSON files of src/infrastructure/knowledge-base.ts). */
export interface KnowledgeBaseRepository {
  /** The three documents; throws KbError when one is missing or unreadable. */
  load(): Promise<KnowledgeDocs>;
  /** Writes the documents given, territories first, each replaced whole (a crash leaves the old or the new one). */
  save(docs: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>>): Promise<void>;
}

export class KbError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(
      problems.length ? `${message}:\n- ${problems.slice(0, 20).join('\n- ')}${problems.length > 20 ? `\n- … ${problems.length - 20} more` : ''}` : message,
    );
    this.name = 'KbError';
  }
}

const CERTAINTY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** A phone before a site before neither; then the surer, then the more recent source. */
export function byReachability(a: EntryPoint, b: EntryPoint): number {
  const reach = (e: EntryPoint) => (e.phone ? 0 : e.url ? 1 : 2);
  return (
    reach(a) - reach(b) || (CERTAINTY_RANK[a.certainty] ?? 3) - (CERTAINTY_RANK[b.certainty] ?? 3) || (b.sourceDate || '0').localeCompare(a.sourceDate || '0')
  );
}

const slotKey = (wave: Wave, territoryId: string, operator: OperatorId) => `${wave}/${territoryId}/${operator}`;
const territoryKey = (wave: Wave, id: string) => `${wave}/${id}`;

/** Checks every invariant the product relies on; returns the broken ones, empty when sound. */
export function validateKnowledge(docs: KnowledgeDocs, geo: Geography): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of docs.territories.territories ?? []) {
    const key = territoryKey(t.wave, t.id);
    if (seen.has(key)) problems.push(`duplicate territory ${key}`);
    seen.add(key);
    if (!t.name) problems.push(`territory ${key} has no name`);
    if (!t.source) problems.push(`territory ${key} has no source`);
    if (!geo.regions.has(t.regionCode)) problems.push(`territory ${key} has unknown region ${t.regionCode}`);
    if (!t.members?.length) problems.push(`territory ${key} has no member`);
    for (const m of t.members ?? []) {
      const known = m.kind === 'commune' ? geo.communes.has(m.code) : geo.groupings.get(m.code)?.kind === m.kind;
      if (!known) problems.push(`territory ${key} has unknown ${m.kind.toUpperCase()} ${m.code}`);
    }
  }

  const operatorIds = new Set(docs.operators.operators.map((o) => o.id));
  for (const id of OPERATOR_IDS) if (!operatorIds.has(id)) problems.push(`operator ${id} is missing`);
  for (const id of OPERATOR_IDS) {
    if (!docs.operators.entryPoints.some((e) => e.operator === id && e.scope === 'national')) {
      problems.push(`operator ${id} has no national entry point`);
    }
  }
  docs.operators.entryPoints.forEach((e, i) => {
    const at = `entry point #${i + 1} (${e.operator}, ${e.regionCode})`;
    if (!e.sourceUrl) problems.push(`${at} has no source`);
    if (!ENTRY_POINT_CERTAINTIES.includes(e.certainty)) problems.push(`${at} has no certainty`);
    if (e.sourceDate && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(e.sourceDate)) problems.push(`${at} has a date that is not ISO: "${e.sourceDate}"`);
    if (e.url && !/^https?:\/\/\S+$/.test(e.url)) problems.push(`${at} has a url that is not an http(s) address`);
    for (const field of ['officeName', 'city', 'address'] as const) {
      const note = researchNoteIn(e[field]);
      if (note) problems.push(`${at} shows a research note in ${field} ("${note}")`);
    }
  });
  for (const id of OPERATOR_IDS) {
    const first = docs.operators.entryPoints.filter((e) => e.operator === id && e.scope === 'national').sort(byReachability)[0];
    if (first && !first.phone && !first.url) problems.push(`operator ${id}'s national entry point has neither a phone nor a site`);
  }

  const slots = new Map<string, number>();
  for (const s of docs.referents.slots ?? []) {
    const key = slotKey(s.wave, s.territoryId, s.operator);
    slots.set(key, (slots.get(key) ?? 0) + 1);
    if (!seen.has(territoryKey(s.wave, s.territoryId))) problems.push(`referent slot ${key} names an unknown territory`);
    if (s.referent) {
      if (!s.referent.name) problems.push(`referent slot ${key} has a referent without a name`);
      if (!s.referent.source) problems.push(`referent slot ${key} has a referent without a source`);
      if (!s.referent.email && !s.referent.phone) problems.push(`referent slot ${key} has a referent with no way to reach them`);
    }
  }
  for (const t of docs.territories.territories ?? []) {
    for (const op of OPERATOR_IDS) {
      const n = slots.get(slotKey(t.wave, t.id, op)) ?? 0;
      if (n !== 1) problems.push(`territory ${territoryKey(t.wave, t.id)} has ${n} slot(s) for ${op} instead of 1`);
    }
  }
  return problems;
}

/** The views, their lists and the list of them frozen; the entry points are the documents' own (read-only anyway). */
function frozenViews(views: ReferentView[]): ReferentView[] {
  for (const view of views) {
    if (view.kind === 'regional') Object.freeze(view.entryPoints);
    Object.freeze(view);
  }
  return Object.freeze(views) as ReferentView[];
}

/** Maps every current commune to its territory, per wave, from the territories' members. */
function indexCommunes(territories: Territory[], geo: Geography, problems: string[]): Map<Wave, Map<string, Territory>> {
  const index = new Map<Wave, Map<string, Territory>>();
  for (const t of territories) {
    let byCommune = index.get(t.wave);
    if (!byCommune) index.set(t.wave, (byCommune = new Map()));
    for (const m of t.members) {
      const codes = m.kind === 'commune' ? [m.code] : (geo.groupings.get(m.code)?.memberCodes ?? []);
      for (const code of codes) {
        const other = byCommune.get(code);
        if (other && other !== t) problems.push(`commune ${code} is in both ${other.id} and ${t.id} (${t.wave})`);
        byCommune.set(code, t);
      }
    }
  }
  return index;
}

/**
 * The knowledge base: territories of every wave, operators and their public entry points, and
 * one referent slot per (territory, operator). Loaded from its repository; refuses a base that
 * breaks an invariant, so the bot never serves half a base.
 */
export class KnowledgeBase {
  private territoryIndex = new Map<string, Territory>();
  private communeIndex = new Map<Wave, Map<string, Territory>>();
  private slotIndex = new Map<string, ReferentSlot>();
  private operatorIndex = new Map<OperatorId, Operator>();
  /** Bumped on every accepted change, so indexes built on top (the resolver's) know to rebuild. */
  revision = 0;
  // Each lookup shows a territory's four referent views: built once per revision rather than per
  // turn (entry points are filtered and sorted), and frozen since every answer shares them.
  private referentViews = new WeakMap<Territory, ReferentView[]>();
  private regionalViews = new Map<string, ReferentView[]>();

  private constructor(
    readonly geo: Geography,
    private docs: KnowledgeDocs,
    private readonly repository: KnowledgeBaseRepository,
  ) {}

  static async open(repository: KnowledgeBaseRepository, geo: Geography): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase(geo, await repository.load(), repository);
    kb.reindex();
    return kb;
  }

  private reindex(): void {
    const problems = validateKnowledge(this.docs, this.geo);
    const communeIndex = indexCommunes(this.docs.territories.territories, this.geo, problems);
    if (problems.length > 0) throw new KbError('The knowledge base is inconsistent', problems);
    this.communeIndex = communeIndex;
    this.territoryIndex = new Map(this.docs.territories.territories.map((t) => [territoryKey(t.wave, t.id), t]));
    this.slotIndex = new Map(this.docs.referents.slots.map((s) => [slotKey(s.wave, s.territoryId, s.operator), s]));
    this.operatorIndex = new Map(this.docs.operators.operators.map((o) => [o.id, o]));
    this.referentViews = new WeakMap();
    this.regionalViews = new Map();
    this.revision++;
  }

  // Every eligibility answer asks for the lists (territoryContext): read from the territories once
  // per revision rather than from the few hundred territories each time.
  private wavesOf: { revision: number; waves: readonly Wave[] } | undefined;

  waves(): Wave[] {
    if (this.wavesOf?.revision !== this.revision)
      this.wavesOf = { revision: this.revision, waves: [...new Set(this.docs.territories.territories.map((t) => t.wave))].sort() };
    return [...this.wavesOf.waves];
  }

  territories(wave: Wave): Territory[] {
    return this.docs.territories.territories.filter((t) => t.wave === wave);
  }

  territory(wave: Wave, id: string): Territory | undefined {
    return this.territoryIndex.get(territoryKey(wave, id));
  }

  /** The territory a current commune belongs to in a wave, or null when it is in none. */
  territoryOfCommune(communeCode: string, wave: Wave): Territory | null {
    return this.communeIndex.get(wave)?.get(communeCode) ?? null;
  }

  /** Communes of a territory (current INSEE codes). */
  communesOf(territory: Territory): string[] {
    return territory.members.flatMap((m) => (m.kind === 'commune' ? [m.code] : (this.geo.groupings.get(m.code)?.memberCodes ?? [])));
  }

  operators(): Operator[] {
    return this.docs.operators.operators;
  }

  operator(id: OperatorId): Operator | undefined {
    return this.operatorIndex.get(id);
  }

  /**
   * The operator's entry points for a region in the order to show them: the national entry point
   * first (a phone or a site that answers today), then the regional offices last reported, the
   * surest and most recent first. A regional row is often a city read in an old article.
   */
  entryPoints(operator: OperatorId, regionCode: string): EntryPoint[] {
    const all = this.docs.operators.entryPoints.filter((e) => e.operator === operator);
    return [
      ...all.filter((e) => e.scope === 'national').sort(byReachability),
      ...all.filter((e) => e.scope === 'regional' && e.regionCode === regionCode).sort(byReachability),
    ];
  }

  slot(wave: Wave, territoryId: string, operator: OperatorId): ReferentSlot | undefined {
    return this.slotIndex.get(slotKey(wave, territoryId, operator));
  }

  slots(): readonly ReferentSlot[] {
    return this.docs.referents.slots;
  }

  /** One view per operator, in OPERATOR_IDS order (frozen: shared by every answer until the base changes). */
  referents(territory: Territory): ReferentView[] {
    let views = this.referentViews.get(territory);
    if (!views) {
      views = frozenViews(
        OPERATOR_IDS.map((operator) => {
          const operatorName = this.operator(operator)?.name ?? operator;
          const referent = this.slot(territory.wave, territory.id, operator)?.referent;
          if (referent) return { operator, operatorName, kind: 'named', ...referent };
          return { operator, operatorName, kind: 'regional', entryPoints: this.entryPoints(operator, territory.regionCode) };
        }),
      );
      this.referentViews.set(territory, views);
    }
    return views;
  }

  referentFor(territory: Territory, operator: OperatorId): ReferentView {
    return this.referents(territory)[OPERATOR_IDS.indexOf(operator)]!;
  }

  /** Entry points for a place in no territory: the operators' regional then national offices (frozen, shared). */
  regionalReferents(regionCode: string): ReferentView[] {
    let views = this.regionalViews.get(regionCode);
    if (!views) {
      views = frozenViews(
        OPERATOR_IDS.map((operator) => ({
          operator,
          operatorName: this.operator(operator)?.name ?? operator,
          kind: 'regional' as const,
          entryPoints: this.entryPoints(operator, regionCode),
        })),
      );
      this.regionalViews.set(regionCode, views);
    }
    return views;
  }

  /**
   * Where changes go instead of the repository when other processes change the stored base too
   * (other instances, an import; set by the composition root): `save` refuses a change made on a
   * stale base (KbConflictError).
   */
  private shared: KnowledgeSaver | null = null;

  shareThrough(saver: KnowledgeSaver): void {
    this.shared = saver;
  }

  /** The three documents as they are now (read-only: change them through replace()). */
  documents(): KnowledgeDocs {
    return this.docs;
  }

  /**
   * Serves documents changed elsewhere (another instance, an import): checked as a whole first;
   * an inconsistent base is refused (KbError) and the current one kept.
   */
  adopt(docs: KnowledgeDocs): void {
    const before = this.docs;
    this.docs = docs;
    try {
      this.reindex();
    } catch (err) {
      this.docs = before;
      this.reindex();
      throw err;
    }
  }

  /**
   * Replaces the referent slots and/or territories in one step: the new state is validated as a
   * whole, then saved (through the shared saver when the base is shared by several instances).
   * On any failure the previous state is restored, in memory and in the repository (territories
   * saved before the referents failed are written back).
   */
  async replace(next: { territories?: Territory[]; slots?: ReferentSlot[]; meta?: Partial<KbMeta> }): Promise<void> {
    const before = this.docs;
    const stamp = { builtAt: new Date().toISOString(), ...next.meta };
    const changed: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>> = {
      ...(next.territories ? { territories: { meta: { ...before.territories.meta, ...stamp }, territories: next.territories } } : {}),
      ...(next.slots ? { referents: { meta: { ...before.referents.meta, ...stamp }, slots: next.slots } } : {}),
    };
    this.docs = { ...before, ...changed };
    try {
      this.reindex();
      await (this.shared ?? this.repository).save(changed);
    } catch (err) {
      this.docs = before;
      this.reindex();
      if (next.territories && !this.shared) await this.repository.save({ territories: before.territories }).catch(() => undefined);
      throw err;
    }
  }
}

/** Saves the documents a change touched, refusing it (KbConflictError) when the stored base moved on. */
export interface KnowledgeSaver {
  save(docs: Partial<Pick<KnowledgeDocs, 'territories' | 'referents'>>): Promise<void>;
}

/** The stored base was changed elsewhere since it was loaded (another instance, an import): reload, then change it again. */
export class KbConflictError extends Error {
  constructor() {
    super('The knowledge base was changed meanwhile (by another instance or an import); nothing was changed, try again');
    this.name = 'KbConflictError';
  }
}
