import type { NafSection } from './naf';
import type { SizeCategory } from './size';

/**
 * What the company directory (INSEE's register, as the API Recherche d'entreprises publishes it)
 * says about a firm, and the port the domain asks it through (src/infrastructure/company-register.ts).
 */

/** INSEE headcount bands (tranche_effectif_salarie), bounds inclusive. "NN": non-employer or unknown. */
export const HEADCOUNT_BANDS: Record<string, { min: number; max: number; fr: string; en: string }> = {
  '00': { min: 0, max: 0, fr: '0 salarié', en: 'no employee' },
  '01': { min: 1, max: 2, fr: '1 ou 2 salariés', en: '1 or 2 employees' },
  '02': { min: 3, max: 5, fr: '3 à 5 salariés', en: '3 to 5 employees' },
  '03': { min: 6, max: 9, fr: '6 à 9 salariés', en: '6 to 9 employees' },
  '11': { min: 10, max: 19, fr: '10 à 19 salariés', en: '10 to 19 employees' },
  '12': { min: 20, max: 49, fr: '20 à 49 salariés', en: '20 to 49 employees' },
  '21': { min: 50, max: 99, fr: '50 à 99 salariés', en: '50 to 99 employees' },
  '22': { min: 100, max: 199, fr: '100 à 199 salariés', en: '100 to 199 employees' },
  '31': { min: 200, max: 249, fr: '200 à 249 salariés', en: '200 to 249 employees' },
  '32': { min: 250, max: 499, fr: '250 à 499 salariés', en: '250 to 499 employees' },
  '41': { min: 500, max: 999, fr: '500 à 999 salariés', en: '500 to 999 employees' },
  '42': { min: 1000, max: 1999, fr: '1 000 à 1 999 salariés', en: '1,000 to 1,999 employees' },
  '51': { min: 2000, max: 4999, fr: '2 000 à 4 999 salariés', en: '2,000 to 4,999 employees' },
  '52': { min: 5000, max: 9999, fr: '5 000 à 9 999 salariés', en: '5,000 to 9,999 employees' },
  '53': { min: 10000, max: Infinity, fr: '10 000 salariés et plus', en: '10,000 employees or more' },
};

export interface HeadcountBand {
  code: string;
  min: number;
  max: number;
  label: { fr: string; en: string };
}

export function headcountBand(code: string | null | undefined): HeadcountBand | null {
  const band = code ? HEADCOUNT_BANDS[code] : undefined;
  return band && code ? { code, min: band.min, max: band.max, label: { fr: band.fr, en: band.en } } : null;
}

export interface EstablishmentInfo {
  siret: string;
  /** INSEE code of the establishment's commune. */
  communeCode: string | null;
  communeName: string | null;
  postalCode: string | null;
  isHeadOffice: boolean;
  active: boolean;
  naf: string | null;
  headcountBand: HeadcountBand | null;
}

export interface CompanyFound {
  status: 'found';
  siren: string;
  name: string;
  /**
   * The establishment to locate the firm by: the one whose SIRET was given, or the head office
   * when only a SIREN was given (`locatedBy` says which, so the dialog can ask to confirm).
   * Null when a SIRET was given that the directory does not list under that SIREN.
   */
  establishment: EstablishmentInfo | null;
  locatedBy: 'siret' | 'head-office' | 'none';
  headOffice: EstablishmentInfo | null;
  naf: string | null;
  nafLabel: string | null;
  nafSection: NafSection | null;
  /** Company-level (legal unit) band: what the size rules need, unlike an establishment's. */
  headcountBand: HeadcountBand | null;
  headcountYear: string | null;
  /** INSEE's category as published ("PME" includes micro-enterprises), with its decree reading. */
  registryCategory: 'PME' | 'ETI' | 'GE' | null;
  registryCategoryYear: string | null;
  allowedCategories: SizeCategory[] | null;
  active: boolean;
  source: string;
}

export type UnavailableReason = 'timeout' | 'network' | 'http-error' | 'rate-limited' | 'bad-response';

export type CompanyLookupOutcome =
  | CompanyFound
  | { status: 'not-found'; number: string }
  | { status: 'invalid'; number: string }
  | { status: 'unavailable'; reason: UnavailableReason; httpStatus?: number };

/** What the company directory says about a SIRET or SIREN, as the territory lookup needs it. */
export type EstablishmentOutcome =
  | { status: 'found'; communeCode: string; name: string; naf?: string; siret?: string }
  | { status: 'not-found' }
  | { status: 'invalid' }
  | { status: 'unavailable' };

export interface CompanyDirectory {
  findEstablishment(siretOrSiren: string): Promise<EstablishmentOutcome>;
}

/** The establishment a lookup located, or why there is none: a firm without a commune cannot be placed. */
export function establishmentOutcome(outcome: CompanyLookupOutcome): EstablishmentOutcome {
  if (outcome.status !== 'found') return { status: outcome.status };
  const e = outcome.establishment;
  if (!e?.communeCode) return { status: 'not-found' };
  return { status: 'found', communeCode: e.communeCode, name: outcome.name, ...(outcome.naf ? { naf: outcome.naf } : {}), siret: e.siret };
}
