import type { NafSection } from '../company/naf';
import type { Figure, SizeCategory } from '../company/size';

/**
 * The firm's project, as the schemes are sorted by it: each scheme declares the needs it serves
 * and is shown only for those. Innovation (R&D, a new product) and investment (a machine, a
 * production line) are apart: no scheme of the base serves both.
 */
export type Need = 'recruter' | 'innover' | 'investir' | 'exporter' | 'foncier-immobilier' | 'former' | 'transition-ecologique';

export const NEEDS: readonly Need[] = ['recruter', 'innover', 'investir', 'exporter', 'foncier-immobilier', 'former', 'transition-ecologique'];

/** A sector recognised from activity words, with how sure we are. */
export interface SectorMatch {
  word: string;
  section: NafSection;
  division?: string;
  certainty: 'HIGH' | 'MEDIUM';
}

/**
 * What the conversation knows about the firm. Every field is optional: the eligibility engine
 * treats an absent field as "not yet known" and asks for the one that decides most schemes.
 */
export interface FirmProfile {
  /** INSEE code of the establishment's commune (from the territory resolver or the directory). */
  communeCode?: string;
  /** Whole-company headcount (UTA); a range when only an INSEE band is known. */
  headcount?: Figure;
  turnoverEur?: Figure;
  balanceSheetEur?: Figure;
  /** Category as published by INSEE in the company directory (its PME includes micro). */
  registryCategory?: 'PME' | 'ETI' | 'GE';
  /** NAF rév. 2 code, canonical "25.62B" form (or a shorter level). */
  naf?: string;
  nafSection?: NafSection;
  sectorWords?: SectorMatch[];
  needs: Need[];
  /** Wants to hire a young graduate or a work-study student (VTE). */
  wantsYoungGraduate?: boolean;
  foundedYear?: number;
  siret?: string;
  siren?: string;
  /** An invalid-checksum number the user typed, so the dialog can say so. */
  invalidCompanyNumber?: string;
  /** Not owned by a larger group (EU autonomous enterprise; national Accélérateur PME). */
  independent?: boolean;
  /**
   * The size figures are the whole group's. A subsidiary's own figures do not give its category
   * (linked enterprises count), so size criteria wait for the group's until this is true.
   */
  groupFigures?: boolean;
  /** The project (investment or mission) serves the ecological or energy transition. */
  ecologicalProject?: boolean;
  /** Wants to train jobseekers before hiring them (POEI, POEC), rather than current staff. */
  trainsJobseekers?: boolean;
  /** Plans to send a young person on a mission abroad (VIE). */
  wantsVie?: boolean;
  companyName?: string;
}

/** Profile fields the engine may need; `nextQuestion` names one of them. */
export type ProfileField =
  | 'communeCode'
  | 'headcount'
  | 'turnoverEur'
  | 'balanceSheetEur'
  | 'naf'
  | 'needs'
  | 'wantsYoungGraduate'
  | 'independent'
  | 'groupFigures'
  | 'ecologicalProject'
  | 'trainsJobseekers'
  | 'wantsVie';

/** The fields whose answer is a number (a headcount or an amount), exact or rough. */
export const FIGURE_FIELDS: ReadonlySet<ProfileField> = new Set<ProfileField>(['headcount', 'turnoverEur', 'balanceSheetEur', 'groupFigures']);

export type { SizeCategory };
