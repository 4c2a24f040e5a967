import type { CompanyDirectory, EstablishmentOutcome } from '../domain/resolution/lookup';
import { nafLabel, nafSection, normalizeNafCode, type NafSection } from '../domain/company/naf';
import { categoriesFromRegistry, type SizeCategory } from '../domain/company/size';
import { classifyCompanyNumber, normalizeCompanyNumber } from '../domain/company/siret';

/**
 * Client of the public API Recherche d'entreprises (GET /search?q=<siren|siret>). It never
 * throws: every way the call can go wrong is an outcome the conversation can explain.
 */

export const DEFAULT_COMPANY_API_URL = 'https://recherche-entreprises.api.gouv.fr';
export const DEFAULT_COMPANY_API_TIMEOUT_MS = 2500;

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

export interface CompanyClientOptions {
  baseUrl?: string;
  timeoutMs?: number;
  /** Injected for tests or proxies; the global fetch otherwise. */
  fetch?: typeof fetch;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function establishment(raw: unknown): EstablishmentInfo | null {
  if (!isObj(raw)) return null;
  const siret = str(raw.siret);
  if (!siret) return null;
  return {
    siret,
    communeCode: str(raw.commune),
    communeName: str(raw.libelle_commune),
    postalCode: str(raw.code_postal),
    isHeadOffice: raw.est_siege === true,
    active: str(raw.etat_administratif) !== 'F',
    naf: normalizeNafCode(str(raw.activite_principale) ?? '') ?? null,
    headcountBand: headcountBand(str(raw.tranche_effectif_salarie)),
  };
}

export class RechercheEntreprisesClient implements CompanyDirectory {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: CompanyClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_COMPANY_API_URL).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_COMPANY_API_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async lookup(numberText: string): Promise<CompanyLookupOutcome> {
    const number = normalizeCompanyNumber(numberText);
    const kind = classifyCompanyNumber(number);
    if (!kind) return { status: 'invalid', number };
    const siren = number.slice(0, 9);

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let body: unknown;
    try {
      const url = `${this.baseUrl}/search?q=${encodeURIComponent(number)}&page=1&per_page=5`;
      const res = await this.fetchImpl(url, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (res.status === 429) return { status: 'unavailable', reason: 'rate-limited', httpStatus: 429 };
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return { status: 'unavailable', reason: 'http-error', httpStatus: res.status };
      }
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        return { status: 'unavailable', reason: 'bad-response' };
      }
    } catch {
      return { status: 'unavailable', reason: controller.signal.aborted ? 'timeout' : 'network' };
    } finally {
      clearTimeout(timer);
    }

    if (!isObj(body) || !Array.isArray(body.results)) return { status: 'unavailable', reason: 'bad-response' };
    const company = body.results.find((r): r is Json => isObj(r) && r.siren === siren);
    if (!company) return { status: 'not-found', number };

    const headOffice = establishment(company.siege);
    let located: EstablishmentInfo | null = null;
    let locatedBy: CompanyFound['locatedBy'] = 'none';
    if (kind === 'siret') {
      const candidates = [...(Array.isArray(company.matching_etablissements) ? company.matching_etablissements : []), company.siege];
      located = candidates.map(establishment).find((e) => e?.siret === number) ?? null;
      if (located) locatedBy = 'siret';
    } else if (headOffice) {
      located = headOffice;
      locatedBy = 'head-office';
    }
    if (kind === 'siret' && !located) return { status: 'not-found', number };

    const naf = normalizeNafCode(str(company.activite_principale) ?? '') ?? null;
    const registry = str(company.categorie_entreprise)?.toUpperCase() ?? null;
    const registryCategory = registry === 'PME' || registry === 'ETI' || registry === 'GE' ? registry : null;
    return {
      status: 'found',
      siren,
      name: str(company.nom_complet) ?? str(company.nom_raison_sociale) ?? siren,
      establishment: located,
      locatedBy,
      headOffice,
      naf,
      nafLabel: naf ? nafLabel(naf) : null,
      nafSection: naf ? nafSection(naf) : null,
      headcountBand: headcountBand(str(company.tranche_effectif_salarie)),
      headcountYear: str(company.annee_tranche_effectif_salarie) ?? (typeof company.annee_tranche_effectif_salarie === 'number' ? String(company.annee_tranche_effectif_salarie) : null),
      registryCategory,
      registryCategoryYear: str(company.annee_categorie_entreprise) ?? (typeof company.annee_categorie_entreprise === 'number' ? String(company.annee_categorie_entreprise) : null),
      allowedCategories: categoriesFromRegistry(registryCategory),
      active: str(company.etat_administratif) !== 'C',
      source: `${this.baseUrl}/search`,
    };
  }

  /** The narrower contract the territory lookup uses (src/domain/resolution/lookup.ts). */
  async findEstablishment(siretOrSiren: string): Promise<EstablishmentOutcome> {
    const outcome = await this.lookup(siretOrSiren);
    if (outcome.status !== 'found') return { status: outcome.status } as EstablishmentOutcome;
    const e = outcome.establishment;
    if (!e?.communeCode) return { status: 'not-found' };
    return { status: 'found', communeCode: e.communeCode, name: outcome.name, ...(outcome.naf ? { naf: outcome.naf } : {}), siret: e.siret };
  }
}
