import { SIZE_CATEGORIES } from '../company/size';
import { NEEDS } from '../profile/types';
import { OPERATOR_IDS } from '../types';
import { BOOLEAN_FACTS, type BooleanFact, type Scheme, type SchemesDoc } from './types';

export class SchemesError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n- ${problems.join('\n- ')}` : message);
    this.name = 'SchemesError';
  }
}

const STATUSES = new Set(['open', 'closed', 'abolished', 'unknown-after-date']);
const ACCESS = new Set(['direct', 'indirect', 'territory']);
const CERTAINTIES = new Set(['HIGH', 'MEDIUM', 'LOW']);
const FACTS = new Set<string>(['sizeCategory', 'inTerritory', 'external', ...BOOLEAN_FACTS]);
const FIGURE_KINDS = new Set(['aid', 'cost', 'info']);
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

const isLocalized = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { fr?: unknown }).fr === 'string' &&
  (v as { fr: string }).fr.trim() !== '' &&
  typeof (v as { en?: unknown }).en === 'string' &&
  (v as { en: string }).en.trim() !== '';
const isUrl = (v: unknown): boolean => typeof v === 'string' && /^https?:\/\/\S+$/.test(v);

/** Every invariant the engine relies on; empty when the document is sound. */
export function validateSchemes(doc: unknown): string[] {
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null) return ['the document is not an object'];
  const d = doc as Partial<SchemesDoc>;
  if (typeof d.meta !== 'object' || d.meta === null) problems.push('meta is missing');
  if (!Array.isArray(d.schemes)) return [...problems, 'schemes is not an array'];
  const ids = new Set<string>();
  d.schemes.forEach((s: Scheme, i) => {
    const at = `scheme ${typeof s?.id === 'string' ? s.id : `#${i + 1}`}`;
    if (typeof s !== 'object' || s === null) return problems.push(`${at} is not an object`);
    if (typeof s.id !== 'string' || !/^[a-z0-9-]+$/.test(s.id)) problems.push(`${at} has an invalid id`);
    if (ids.has(s.id)) problems.push(`${at} is duplicated`);
    ids.add(s.id);
    for (const key of ['name', 'summary', 'runBy', 'openTo', 'howToApply'] as const) {
      if (!isLocalized(s[key])) problems.push(`${at} has no French and English ${key}`);
    }
    if (s.operator !== null && !OPERATOR_IDS.includes(s.operator)) problems.push(`${at} has unknown operator ${String(s.operator)}`);
    if (!Array.isArray(s.needs) || s.needs.some((n) => !NEEDS.includes(n))) problems.push(`${at} has unknown needs`);
    if (!ACCESS.has(s.access)) problems.push(`${at} has unknown access ${String(s.access)}`);
    if (s.access !== 'direct' && !isLocalized(s.accessNote)) problems.push(`${at} is ${s.access} but does not explain it (accessNote)`);
    if (!STATUSES.has(s.status)) problems.push(`${at} has unknown status ${String(s.status)}`);
    if ((s.status === 'closed' || s.status === 'abolished') && !(s.validUntil && DATE.test(s.validUntil)))
      problems.push(`${at} is ${s.status} without validUntil`);
    if (s.status === 'unknown-after-date' && !(s.knownUntil && DATE.test(s.knownUntil))) problems.push(`${at} is unknown-after-date without knownUntil`);
    for (const key of ['validFrom', 'validUntil', 'knownUntil'] as const) {
      if (s[key] !== undefined && !DATE.test(s[key]!)) problems.push(`${at} has a malformed ${key}`);
    }
    if (!CERTAINTIES.has(s.certainty)) problems.push(`${at} has unknown certainty`);
    if (!s.lastVerified || !DATE.test(s.lastVerified)) problems.push(`${at} has no lastVerified date`);
    if (!s.asOf || !DATE.test(s.asOf)) problems.push(`${at} has no asOf date (its newest source)`);
    if (!Array.isArray(s.sources) || s.sources.length === 0 || !s.sources.every(isUrl)) problems.push(`${at} has no valid sources`);
    if (s.applyUrl !== undefined && !isUrl(s.applyUrl)) problems.push(`${at} has an invalid applyUrl`);
    if (!Array.isArray(s.conditions) || !s.conditions.every(isLocalized)) problems.push(`${at} has malformed conditions`);
    if (!Array.isArray(s.conflicts) || !s.conflicts.every(isLocalized)) problems.push(`${at} has malformed conflicts`);
    if (!Array.isArray(s.figures)) problems.push(`${at} has no figures array`);
    else {
      s.figures.forEach((f, j) => {
        if (!isLocalized(f.label) || !isLocalized(f.text) || !isUrl(f.source)) problems.push(`${at} figure #${j + 1} lacks label, text or source`);
        if (!FIGURE_KINDS.has(f.kind)) problems.push(`${at} figure #${j + 1} does not say whether it is an aid, a cost or information (kind)`);
        if (f.asOf !== undefined && !DATE.test(f.asOf)) problems.push(`${at} figure #${j + 1} has a malformed asOf`);
      });
      // The most recent figure is the one shown first.
      const dates = s.figures.map((f) => f.asOf ?? '');
      if (dates.some((date, j) => j > 0 && date > dates[j - 1]!)) problems.push(`${at} figures are not ordered newest first`);
    }
    if (!Array.isArray(s.criteria)) problems.push(`${at} has no criteria array`);
    else
      s.criteria.forEach((c, j) => {
        const cat = `${at} criterion ${c?.id ?? `#${j + 1}`}`;
        if (!FACTS.has(c.fact)) return problems.push(`${cat} tests unknown fact ${String(c.fact)}`);
        if (!c.text || !isLocalized(c.text.matched) || !isLocalized(c.text.failed) || !isLocalized(c.text.missing)) problems.push(`${cat} lacks reasons`);
        if (c.fact === 'sizeCategory' && !(c.op === 'in' && Array.isArray(c.value) && c.value.length > 0 && c.value.every((v) => SIZE_CATEGORIES.includes(v))))
          problems.push(`${cat} has an invalid category list`);
        // Micro-firms are SMEs under the EU definition: a scheme open to PME is open to them.
        if (c.fact === 'sizeCategory' && Array.isArray(c.value) && c.value.includes('PME') && !c.value.includes('MICRO'))
          problems.push(`${cat} names PME but not MICRO`);
        if (
          c.fact === 'sizeCategory' &&
          c.toCheck !== undefined &&
          !(isLocalized(c.toCheck.reason) && Array.isArray(c.toCheck.categories) && c.toCheck.categories.every((v) => c.value.includes(v)))
        ) {
          problems.push(`${cat} has a toCheck that is not a reason and categories of its list`);
        }
        const test = c as { op?: unknown; value?: unknown };
        if (BOOLEAN_FACTS.includes(c.fact as BooleanFact) && !(test.op === 'eq' && typeof test.value === 'boolean'))
          problems.push(`${cat} needs op eq and a boolean`);
        if (c.fact === 'inTerritory' && !(c.op === 'eq' && typeof c.value === 'boolean' && Number.isInteger(c.wave)))
          problems.push(`${cat} needs op eq, a boolean and a wave`);
      });
    return undefined;
  });
  return problems;
}

/** The schemes knowledge base, read-only at run time. */
export class SchemeCatalog {
  private readonly byId: Map<string, Scheme>;
  constructor(readonly doc: SchemesDoc) {
    this.byId = new Map(doc.schemes.map((s) => [s.id, s]));
  }
  get schemes(): readonly Scheme[] {
    return this.doc.schemes;
  }
  get(id: string): Scheme | undefined {
    return this.byId.get(id);
  }

  /** Validates a parsed document; throws SchemesError listing every broken invariant. */
  static fromDoc(doc: unknown): SchemeCatalog {
    const problems = validateSchemes(doc);
    if (problems.length) throw new SchemesError('The schemes knowledge base is inconsistent', problems);
    return new SchemeCatalog(doc as SchemesDoc);
  }
}
