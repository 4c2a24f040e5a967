import {
  establishmentOutcome,
  headcountBand,
  type CompanyDirectory,
  type CompanyFound,
  type CompanyLookupOutcome,
  type EstablishmentInfo,
  type EstablishmentOutcome,
} from '../domain/company/directory';
import { nafLabel, nafSection, normalizeNafCode } from '../domain/company/naf';
import { categoriesFromRegistry } from '../domain/company/size';
import { classifyCompanyNumber, normalizeCompanyNumber } from '../domain/company/siret';

/**
 * Client of the public API Recherche d'entreprises (GET /search?q=<siren|siret>). It never
 * throws: every way the call can go wrong is an outcome the conversation can explain.
 */

export const DEFAULT_COMPANY_API_URL = 'https://recherche-entreprises.api.gouv.fr';
export const DEFAULT_COMPANY_API_TIMEOUT_MS = 2500;

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
      headcountYear:
        str(company.annee_tranche_effectif_salarie) ??
        (typeof company.annee_tranche_effectif_salarie === 'number' ? String(company.annee_tranche_effectif_salarie) : null),
      registryCategory,
      registryCategoryYear:
        str(company.annee_categorie_entreprise) ?? (typeof company.annee_categorie_entreprise === 'number' ? String(company.annee_categorie_entreprise) : null),
      allowedCategories: categoriesFromRegistry(registryCategory),
      active: str(company.etat_administratif) !== 'C',
      source: `${this.baseUrl}/search`,
    };
  }

  async findEstablishment(siretOrSiren: string): Promise<EstablishmentOutcome> {
    return establishmentOutcome(await this.lookup(siretOrSiren));
  }
}
