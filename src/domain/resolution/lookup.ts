import type { CompanyDirectory, EstablishmentOutcome } from '../company/directory';
import { mayHoldCompanyNumber } from '../company/siret';
import type { Resolver } from './resolver';
import type { LookupResult, Wave } from '../types';

export interface LookupAnswer extends LookupResult {
  /** Set when the query was a SIRET/SIREN: what the directory said, so interfaces can explain. */
  company?: EstablishmentOutcome;
}

const SIRET_OR_SIREN = /(?<!\d)(\d{3}[ .]?\d{3}[ .]?\d{3}(?:[ .]?\d{5})?)(?!\d)/;

/**
 * The resolver plus the one asynchronous entry point: a SIRET or SIREN is looked up in the
 * company directory and resolved through the establishment's commune (not the head office's).
 */
export class LookupService {
  constructor(
    private readonly resolver: Resolver,
    private readonly directory: CompanyDirectory | null,
  ) {}

  static findCompanyNumber(text: string): string | null {
    if (!mayHoldCompanyNumber(text)) return null;
    const m = SIRET_OR_SIREN.exec(text);
    if (!m) return null;
    const digits = m[1]!.replace(/\D/g, '');
    return digits.length === 9 || digits.length === 14 ? digits : null;
  }

  /** For a choice the user made among candidates: a commune code is resolved as such, never as a postal code. */
  lookupCommune(code: string, options: { wave?: Wave; query?: string } = {}): LookupAnswer {
    return this.resolver.lookupCommuneCode(code, { ...options, matchedBy: 'commune' });
  }

  /** The resolver alone, in memory: what a text names, without asking the company directory. */
  resolve(query: string, options: { wave?: Wave } = {}): LookupResult {
    return this.resolver.lookup(query, options);
  }

  async lookup(query: string, options: { wave?: Wave } = {}): Promise<LookupAnswer> {
    const number = LookupService.findCompanyNumber(query);
    if (!number || !this.directory) return this.resolver.lookup(query, options);
    const company = await this.directory.findEstablishment(number);
    if (company.status === 'found') {
      return { ...this.resolver.lookupCommuneCode(company.communeCode, { ...options, query, matchedBy: 'siret' }), company };
    }
    // The number did not lead anywhere; whatever else the text names may still resolve.
    const rest = query.replace(SIRET_OR_SIREN, ' ');
    const fallback = this.resolver.lookup(rest, options);
    return { ...fallback, query, company };
  }
}
