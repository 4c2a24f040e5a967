import type { SizeCategory, SizeField } from '../company/size';
import type { Need, ProfileField } from '../profile/types';
import type { CommuneRef, Lang, OperatorId, ReferentView, TerritoryRef, Wave } from '../types';

/** A piece of knowledge-base data in both languages. */
export type Localized = Record<Lang, string>;

export type Certainty = 'HIGH' | 'MEDIUM' | 'LOW';

/**
 * - open: running as far as the sources show;
 * - closed / abolished: historical only, never proposed;
 * - unknown-after-date: attested until `knownUntil`, no later source (may have expired).
 */
export type SchemeStatus = 'open' | 'closed' | 'abolished' | 'unknown-after-date';

/**
 * - direct: the firm applies itself;
 * - indirect: the firm takes part in a project carried by others (local authority, SEM, ...);
 * - territory: the beneficiary is the territory, not firms (shown only in "why not").
 */
export type SchemeAccess = 'direct' | 'indirect' | 'territory';

/** Facts the engine derives from the profile and the territory; criteria test them. */
export type CriterionFact = 'sizeCategory' | 'inTerritory' | BooleanFact | 'external';

/** Yes/no facts about the firm's project, each asked by its own question. */
export type BooleanFact = 'wantsYoungGraduate' | 'independent' | 'ecologicalProject' | 'trainsJobseekers' | 'wantsVie';
export const BOOLEAN_FACTS: readonly BooleanFact[] = ['wantsYoungGraduate', 'independent', 'ecologicalProject', 'trainsJobseekers', 'wantsVie'];

interface CriterionBase {
  id: string;
  /** Reason shown for each result; short, one line each. */
  text: { matched: Localized; failed: Localized; missing: Localized };
}
export type Criterion =
  | (CriterionBase & {
      fact: 'sizeCategory';
      op: 'in';
      value: SizeCategory[];
      /** Categories in `value` that the sources leave unclear: "à vérifier", with the reason. */
      toCheck?: { categories: SizeCategory[]; reason: Localized };
    })
  | (CriterionBase & { fact: 'inTerritory'; op: 'eq'; value: boolean; wave: Wave })
  | (CriterionBase & { fact: BooleanFact; op: 'eq'; value: boolean })
  /** Decided by someone else (an OPCO, a committee): always to confirm, never asked. */
  | (CriterionBase & { fact: 'external' });

/**
 * What an amount is to the firm: an aid it receives, a cost it bears (the VIE allowance), or
 * information (an envelope, a duration).
 */
export type FigureKind = 'aid' | 'cost' | 'info';

/** An amount, rate or duration as one source gave it on one date. Listed newest first. */
export interface SchemeFigure {
  kind: FigureKind;
  label: Localized;
  text: Localized;
  asOf?: string;
  source: string;
}

export interface Scheme {
  id: string;
  name: Localized;
  summary: Localized;
  /** Which of the four operators' referent to contact; null when none of them handles it. */
  operator: OperatorId | null;
  /** Who runs it, in words (e.g. "État (Fonds vert)"), including when `operator` is null. */
  runBy: Localized;
  needs: Need[];
  access: SchemeAccess;
  accessNote?: Localized;
  /** Shown as the reason when every criterion holds (or there is none). */
  openTo: Localized;
  criteria: Criterion[];
  /** Conditions stated by the sources that the assistant does not check: "à vérifier". */
  conditions: Localized[];
  /** Size criteria use the EU SME test (autonomy, 25 % holdings) rather than the decree alone. */
  euSmeDefinition?: boolean;
  figures: SchemeFigure[];
  /** Disagreements between sources, kept rather than resolved. */
  conflicts: Localized[];
  status: SchemeStatus;
  statusNote?: Localized;
  validFrom?: string;
  validUntil?: string;
  knownUntil?: string;
  howToApply: Localized;
  applyUrl?: string;
  sources: string[];
  certainty: Certainty;
  /** Date of the newest source on the scheme: an open offer older than 2021 is shown "à confirmer" with it. */
  asOf: string;
  lastVerified: string;
}

export interface SchemesMeta {
  version: number;
  compiledFrom: string;
  compiledAt: string;
  notes: string[];
}

export interface SchemesDoc {
  meta: SchemesMeta;
  schemes: Scheme[];
}

/** The territory side of an evaluation, as the core resolver gives it. */
export interface TerritoryContext {
  commune: CommuneRef | null;
  /** By list (wave). Undefined: not computed; null: the commune is in no territory of that list. */
  territories: Partial<Record<Wave, TerritoryRef | null>>;
  /** The current list's territory's four operator slots (or regional entry points outside any territory). */
  referents: ReferentView[];
}

export type CriterionResultKind = 'matched' | 'failed' | 'missing';

/**
 * What the engine says by itself, beside the knowledge base's own sentences (`Localized`): a note
 * the presentation words (src/presentation/messages.ts), so every sentence a person reads lives there.
 */
export type EngineNote =
  | { note: 'attested-until'; date: string }
  | { note: 'uncertain' }
  | { note: 'conflict'; text: Localized }
  | { note: 'eu-sme-definition' }
  | { note: 'closed' | 'abolished'; date?: string }
  | { note: 'territory-beneficiary' }
  | { note: 'group-size' }
  /** The category needs one of these figures; the others are known (the knowledge base's sentence names them all). */
  | { note: 'size-figures'; fields: SizeField[] }
  | { note: 'all-met'; reasons: Reason[] };

/** Why: a sentence of the knowledge base, or a note of the engine. */
export type Reason = Localized | EngineNote;

export function isEngineNote(r: Reason): r is EngineNote {
  return 'note' in r;
}

export interface CriterionResult {
  id: string;
  result: CriterionResultKind;
  reason: Reason;
  /** For `missing`: profile fields that would decide it (empty when no question can). */
  fields: ProfileField[];
}

export type EligibilityStatus = 'eligible' | 'not-eligible' | 'unknown';

export interface SchemeOutcome {
  schemeId: string;
  scheme: Scheme;
  status: EligibilityStatus;
  /** One line: why this status. */
  reason: Reason;
  matched: CriterionResult[];
  failed: CriterionResult[];
  missing: CriterionResult[];
  /** The scheme answers one of the needs the firm stated. */
  matchesNeeds: boolean;
  /** Closed, abolished or past its end date: only for "pourquoi pas ?". */
  historical: boolean;
  /** Set when nothing after this date says the offer still runs: shown "à confirmer" with it. */
  staleSince?: string;
  contact: {
    /** The territory's slot for the scheme's operator (named referent or regional entry points). */
    referent: ReferentView | null;
    howToApply: Localized;
    applyUrl?: string;
  };
  /** "À confirmer auprès du référent" notes: uncertain facts, conflicts, possible expiry. */
  caveats: Reason[];
  /** Stated conditions to check with the referent. */
  conditions: Localized[];
}
