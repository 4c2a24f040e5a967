/**
 * French administrative geography (communes, EPCI, EPT, postal codes), as published by
 * @etalab/decoupage-administratif; loaded by src/infrastructure/geography.ts.
 */

/** The shape of a commune's INSEE code ("01283", "2A004"): what a card or a channel may send back. */
export const COMMUNE_CODE = /^[0-9][0-9AB][0-9]{3}$/;

export interface Commune {
  code: string;
  name: string;
  department: string;
  departmentName: string;
  region: string;
  regionName: string;
  /** Frozen, and shared by the communes with the same postal codes. */
  postalCodes: readonly string[];
  siren: string;
  population: number;
  /** SIREN of the EPCI the commune belongs to, if any (a few islands belong to none). */
  epci: string | null;
  /** SIREN of the Grand Paris EPT, for the communes of the Métropole du Grand Paris. */
  ept: string | null;
}

export interface FormerCommune {
  code: string;
  name: string;
  /** The current commune it was merged into. */
  currentCode: string;
  kind: 'deleguee' | 'associee';
}

export interface Grouping {
  code: string;
  name: string;
  kind: 'epci' | 'ept';
  memberCodes: string[];
}

export class Geography {
  readonly communes = new Map<string, Commune>();
  readonly formerCommunes: FormerCommune[] = [];
  /** Arrondissements municipaux (Paris, Lyon, Marseille) to their commune. */
  readonly arrondissements = new Map<string, { name: string; communeCode: string }>();
  readonly byPostalCode = new Map<string, Commune[]>();
  readonly bySiren = new Map<string, Commune>();
  readonly groupings = new Map<string, Grouping>();
  readonly departments = new Map<string, { code: string; name: string; region: string }>();
  readonly regions = new Map<string, { code: string; name: string }>();
  private largest: Map<string, Commune> | undefined;

  /** The most populous commune of a department: the example a question about that department gives. */
  largestCommuneOf(department: string): Commune | undefined {
    if (!this.largest) {
      this.largest = new Map();
      for (const c of this.communes.values()) {
        const known = this.largest.get(c.department);
        if (!known || c.population > known.population) this.largest.set(c.department, c);
      }
    }
    return this.largest.get(department);
  }

  /** Resolves a commune INSEE code, including an arrondissement or a merged commune's old code. */
  currentCommune(code: string): Commune | undefined {
    const direct = this.communes.get(code);
    if (direct) return direct;
    const arrondissement = this.arrondissements.get(code);
    if (arrondissement) return this.communes.get(arrondissement.communeCode);
    const former = this.formerCommunes.find((f) => f.code === code);
    return former ? this.communes.get(former.currentCode) : undefined;
  }
}
