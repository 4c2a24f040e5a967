import type { NafSection } from './naf';
import type { SizeCategory } from './size';

/**
 * What the company directory (INSEE's register, as the API Recherche d'entreprises publishes it)
 * says about a firm, and the port the domain asks it through (src/infrastructure/company-register.ts).
 */

/** INSEE headcount bands (tranche_effectif_salarie), bounds inclusive. "NN": non-employer or unknown. */
const HEADCOUNT_BANDS: Readonly<Record<string, readonly [min: number, max: number]>> = {
  '00': [0, 0],
  '01': [1, 2],
  '02': [3, 5],
  '03': [6, 9],
  '11': [10, 19],
  '12': [20, 49],
  '21': [50, 99],
  '22': [100, 199],
  '31': [200, 249],
  '32': [250, 499],
  '41': [500, 999],
  '42': [1000, 1999],
  '51': [2000, 4999],
  '52': [5000, 9999],
  '53': [10000, Infinity],
};

export interface HeadcountBand {
  code: string;
  min: number;
  max: number;
}

export function headcountBand(code: string | null | undefined): HeadcountBand | null {
  const band = code ? HEADCOUNT_BANDS[code] : undefined;
  return band && code ? { code, min: band[0], max: band[1] } : null;
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
