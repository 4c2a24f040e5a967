import { categoriesFromRegistry, sizeCategory, type SizeCategory, type SizeField } from '../company/size';
import type { FirmProfile, Need, ProfileField } from '../profile/types';
import type { ReferentView, TerritoryRef } from '../types';
import type { Criterion, CriterionResult, EligibilityStatus, Reason, Scheme, SchemeOutcome, TerritoryContext } from './types';

/**
 * The eligibility engine: pure, synchronous, no I/O. Criteria are data (schemes.json); each is
 * matched, failed, or missing (not enough known). A scheme is not eligible when one criterion
 * fails, unknown when one is missing or the scheme itself may have expired, eligible otherwise.
 */

export interface EvaluateOptions {
  /** Reference date for validity checks; today by default. */
  today?: Date;
}

type Tri = { value: boolean | null; fields: ProfileField[] };

function categoryFacts(profile: Partial<FirmProfile>): { possible: SizeCategory[]; fields: SizeField[] } {
  const size = sizeCategory({ headcount: profile.headcount, turnoverEur: profile.turnoverEur, balanceSheetEur: profile.balanceSheetEur });
  const registry = categoriesFromRegistry(profile.registryCategory);
  if (!registry) return { possible: size.possible, fields: size.missing };
  // The directory's category narrows what the figures allow; when they contradict, the user's own
  // (more recent) figures win.
  const both = size.possible.filter((c) => registry.includes(c));
  return both.length ? { possible: both, fields: both.length > 1 ? size.missing : [] } : { possible: size.possible, fields: size.missing };
}

function inTerritory(context: TerritoryContext, wave: number): Tri {
  if (!context.commune) return { value: null, fields: ['communeCode'] };
  const t = (context.territories as Record<number, TerritoryRef | null | undefined>)[wave];
  if (t === undefined) return { value: null, fields: [] };
  return { value: t !== null, fields: [] };
}

// Module functions rather than closures made per scheme and criterion: an eligibility answer
// evaluates every scheme, and each closure made is paid for on every turn.
function criterionResult(c: Criterion, kind: CriterionResult['result'], fields: ProfileField[] = []): CriterionResult {
  return { id: c.id, result: kind, reason: c.text[kind], fields: kind === 'missing' ? fields : [] };
}

function evaluateCriterion(c: Criterion, profile: Partial<FirmProfile>, context: TerritoryContext): CriterionResult {
  switch (c.fact) {
    case 'sizeCategory': {
      // A subsidiary's own figures do not give its category: the group's do (linked enterprises).
      if (profile.independent === false && profile.groupFigures !== true) {
        return { id: c.id, result: 'missing', reason: { note: 'group-size' }, fields: ['groupFigures'] };
      }
      const { possible, fields } = categoryFacts(profile);
      // No category at all (figures that contradict each other) decides nothing.
      if (possible.length === 0) return criterionResult(c, 'missing', fields);
      if (possible.every((p) => c.value.includes(p))) {
        // A category the sources neither clearly include nor exclude: to check, never excluded.
        if (c.toCheck && possible.some((p) => c.toCheck!.categories.includes(p))) return { id: c.id, result: 'missing', reason: c.toCheck.reason, fields: [] };
        return criterionResult(c, 'matched');
      }
      if (!possible.some((p) => c.value.includes(p))) return criterionResult(c, 'failed');
      // With a figure already given, the base's sentence ("headcount, turnover") would ask for it again.
      const given = profile.headcount !== undefined || profile.turnoverEur !== undefined || profile.balanceSheetEur !== undefined;
      if (given && fields.length > 0) return { id: c.id, result: 'missing', reason: { note: 'size-figures', fields }, fields };
      return criterionResult(c, 'missing', fields);
    }
    case 'inTerritory': {
      const t = inTerritory(context, c.wave);
      return t.value === null ? criterionResult(c, 'missing', t.fields) : criterionResult(c, t.value === c.value ? 'matched' : 'failed');
    }
    case 'wantsYoungGraduate':
    case 'independent':
    case 'ecologicalProject':
    case 'trainsJobseekers':
    case 'wantsVie': {
      const v = profile[c.fact];
      return v === undefined ? criterionResult(c, 'missing', [c.fact]) : criterionResult(c, v === c.value ? 'matched' : 'failed');
    }
    case 'external':
      return criterionResult(c, 'missing');
  }
}

/** An open offer whose newest source is older than this is not presented as open. */
const STALE_BEFORE = '2021';

/**
 * The date after which nothing says the scheme still runs: its `knownUntil` when the sources
 * say it may have ended, or the date of its newest source when that is older than 2021.
 */
export function staleSince(s: Scheme): string | null {
  if (s.status === 'unknown-after-date') return s.knownUntil ?? s.asOf;
  if (s.status === 'open' && s.asOf < STALE_BEFORE) return s.asOf;
  return null;
}

function isPast(date: string | undefined, today: Date): boolean {
  if (!date) return false;
  // A month or a year ends at its last day.
  const end = date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-28` : date;
  return new Date(`${end}T23:59:59Z`).getTime() < today.getTime();
}

function caveatsFor(s: Scheme, profile: Partial<FirmProfile>, usedSize: boolean, stale: string | null): Reason[] {
  const out: Reason[] = [];
  if (stale) out.push({ note: 'attested-until', date: stale });
  if (s.certainty === 'LOW') out.push({ note: 'uncertain' });
  for (const c of s.conflicts) out.push({ note: 'conflict', text: c });
  if (s.euSmeDefinition && usedSize && profile.independent !== true) out.push({ note: 'eu-sme-definition' });
  if (s.access === 'indirect' && s.accessNote) out.push(s.accessNote);
  return out;
}

function contactFor(s: Scheme, referents: readonly ReferentView[]): SchemeOutcome['contact'] {
  const referent = s.operator ? referentOf(s.operator, referents) : null;
  return { referent, howToApply: s.howToApply, ...(s.applyUrl ? { applyUrl: s.applyUrl } : {}) };
}

function referentOf(operator: string, referents: readonly ReferentView[]): ReferentView | null {
  for (const r of referents) if (r.operator === operator) return r;
  return null;
}

/** Whether the scheme serves one of the firm's needs. */
function servesNeeds(s: Scheme, needs: readonly Need[]): boolean {
  for (const n of s.needs) if (needs.includes(n)) return true;
  return false;
}

type OutcomeParts = Pick<SchemeOutcome, 'matched' | 'failed' | 'missing' | 'historical' | 'caveats'>;

/**
 * Every outcome is built with the same properties in the same order: an object literal that
 * spreads a base then a conditional part cost V8 about 20 µs per scheme (its slow path), most of
 * an eligibility turn's evaluation.
 */
function outcomeOf(
  s: Scheme,
  needs: readonly Need[],
  context: TerritoryContext,
  status: EligibilityStatus,
  reason: Reason,
  parts: OutcomeParts,
  stale: string | null = null,
): SchemeOutcome {
  const out: SchemeOutcome = {
    schemeId: s.id,
    scheme: s,
    matchesNeeds: servesNeeds(s, needs),
    contact: contactFor(s, context.referents),
    conditions: s.conditions,
    status,
    reason,
    matched: parts.matched,
    failed: parts.failed,
    missing: parts.missing,
    historical: parts.historical,
    caveats: parts.caveats,
  };
  if (stale) out.staleSince = stale;
  return out;
}

export function evaluateScheme(s: Scheme, profile: Partial<FirmProfile>, context: TerritoryContext, options: EvaluateOptions = {}): SchemeOutcome {
  const today = options.today ?? new Date();
  const needs: Need[] = profile.needs ?? [];

  const historical = s.status === 'closed' || s.status === 'abolished' || isPast(s.validUntil, today);
  if (historical) {
    const abolished = s.status === 'abolished';
    const reason: Reason = s.validUntil ? { note: abolished ? 'abolished' : 'closed', date: s.validUntil } : { note: abolished ? 'abolished' : 'closed' };
    return outcomeOf(s, needs, context, 'not-eligible', reason, {
      matched: [],
      failed: [{ id: 'statut', result: 'failed', reason, fields: [] }],
      missing: [],
      historical: true,
      caveats: [],
    });
  }
  if (s.access === 'territory') {
    const reason: Reason = s.accessNote ?? { note: 'territory-beneficiary' };
    return outcomeOf(s, needs, context, 'not-eligible', reason, {
      matched: [],
      failed: [{ id: 'beneficiaire', result: 'failed', reason, fields: [] }],
      missing: [],
      historical: false,
      caveats: [],
    });
  }

  const matched: CriterionResult[] = [];
  const failed: CriterionResult[] = [];
  const missing: CriterionResult[] = [];
  let usedSize = false;
  for (const c of s.criteria) {
    const r = evaluateCriterion(c, profile, context);
    (r.result === 'matched' ? matched : r.result === 'failed' ? failed : missing).push(r);
    if (c.fact === 'sizeCategory') usedSize = true;
  }
  const stale = staleSince(s);
  const caveats = caveatsFor(s, profile, usedSize, stale);

  let status: EligibilityStatus;
  let reason: Reason;
  if (failed.length) {
    status = 'not-eligible';
    reason = failed[0]!.reason;
  } else if (missing.length) {
    status = 'unknown';
    reason = missing[0]!.reason;
  } else if (s.access === 'indirect') {
    status = 'unknown';
    reason = s.accessNote!;
  } else if (stale) {
    // Every known condition holds, but the scheme may no longer exist: do not promise it.
    status = 'unknown';
    reason = s.status === 'unknown-after-date' && s.statusNote ? s.statusNote : caveats[0]!;
  } else {
    status = 'eligible';
    reason = matched.length ? { note: 'all-met', reasons: matched.map((m) => m.reason) } : s.openTo;
  }
  return outcomeOf(s, needs, context, status, reason, { matched, failed, missing, historical: false, caveats }, stale);
}

const STATUS_RANK: Record<EligibilityStatus, number> = { eligible: 0, unknown: 1, 'not-eligible': 2 };

/**
 * Every scheme's outcome, ordered for display: eligible, then unknown, then not eligible
 * (historical schemes last); within each, schemes answering the firm's stated needs first, then
 * the knowledge base's order.
 */
export function evaluateSchemes(
  schemes: readonly Scheme[],
  profile: Partial<FirmProfile>,
  context: TerritoryContext,
  options: EvaluateOptions = {},
): SchemeOutcome[] {
  const order = new Map(schemes.map((s, i) => [s.id, i]));
  return schemes
    .map((s) => evaluateScheme(s, profile, context, options))
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        Number(a.historical) - Number(b.historical) ||
        Number(b.matchesNeeds) - Number(a.matchesNeeds) ||
        order.get(a.schemeId)! - order.get(b.schemeId)!,
    );
}

/** Questions about the project itself: asked before figures, since they decide which schemes fit. */
const PROJECT_FIELDS: ProfileField[] = ['wantsYoungGraduate', 'ecologicalProject', 'trainsJobseekers', 'wantsVie'];
// Tie-break between fields deciding as many schemes: the cheapest question for the user first.
const FIELD_PRIORITY: ProfileField[] = ['communeCode', 'groupFigures', 'headcount', 'turnoverEur', 'balanceSheetEur', 'independent', 'naf'];

function known(profile: Partial<FirmProfile>, field: ProfileField): boolean {
  if (field === 'needs') return (profile.needs?.length ?? 0) > 0;
  return profile[field] !== undefined;
}

/**
 * The question to ask next. The project comes first: without it no scheme is shown. Then, among
 * the schemes that serve the project and are still undecided, the question that decides the most
 * of them; on a tie a question about the project (a "no" can settle the schemes without any
 * figure), then the cheapest figure. A question about the project that decides one scheme does
 * not pass before the turnover that decides three: the dialog asks only a few questions. Null when
 * nothing more is worth asking (the schemes of other projects never raise a question). The
 * wording of each question is presentation's (messages.eligibility.questions).
 */
/** `skip`: questions the user could not answer ("je ne sais pas"), not asked again. */
export function nextQuestion(
  outcomes: readonly SchemeOutcome[],
  profile: Partial<FirmProfile>,
  skip: readonly ProfileField[] = [],
): { field: ProfileField } | null {
  if (!known(profile, 'needs')) return { field: 'needs' };
  const score = new Map<ProfileField, number>();
  for (const o of outcomes) {
    if (o.status !== 'unknown' || !o.matchesNeeds || o.historical) continue;
    const fields = new Set(o.missing.flatMap((m) => m.fields));
    for (const f of fields) {
      if (known(profile, f) || skip.includes(f)) continue;
      score.set(f, (score.get(f) ?? 0) + 1);
    }
  }
  let found: ProfileField | null = null;
  for (const f of [...PROJECT_FIELDS, ...FIELD_PRIORITY]) {
    const s = score.get(f) ?? 0;
    if (s > 0 && (found === null || s > score.get(found)!)) found = f;
  }
  return found ? { field: found } : null;
}

/** Splits ordered outcomes the way the card shows them. */
export function groupOutcomes(outcomes: readonly SchemeOutcome[]): { eligible: SchemeOutcome[]; unknown: SchemeOutcome[]; notEligible: SchemeOutcome[] } {
  return {
    eligible: outcomes.filter((o) => o.status === 'eligible'),
    unknown: outcomes.filter((o) => o.status === 'unknown'),
    notEligible: outcomes.filter((o) => o.status === 'not-eligible'),
  };
}
