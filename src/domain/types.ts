/**
 * Domain types shared by the knowledge base, the resolver, the eligibility engine and every
 * interface (bot, REST, CLI). Nothing here may depend on Bot Framework.
 */

/**
 * Year of an ANCT list: 2019 = first phase (149 territories, end-2022 state), 2023 = 2023-2027 (183).
 * A number rather than a union because administrators can import a new official list as a new wave.
 */
export type Wave = number;

/**
 * The first list whose territories each have a project lead (chef de projet) co-funded by the
 * State, hosted by their intercommunalities: the 2023-2027 phase. No directory of them is public.
 */
export const PROJECT_LEADS_FROM: Wave = 2023;

/** Whether a territory of this list has a project lead, reached through its intercommunality. */
export function hasProjectLead(territory: { wave: Wave } | null): boolean {
  return territory !== null && territory.wave >= PROJECT_LEADS_FROM;
}

/**
 * The two languages the product speaks. Domain data carries both (scheme names, reasons), and the
 * parser reads a firm's text in one of them; presentation re-exports it as its `Lang`.
 */
export type Lang = 'fr' | 'en';

export type OperatorId = 'banque-des-territoires' | 'bpifrance' | 'business-france' | 'france-travail';
export const OPERATOR_IDS: readonly OperatorId[] = ['banque-des-territoires', 'bpifrance', 'business-france', 'france-travail'];

export interface Operator {
  id: OperatorId;
  name: string;
  url: string;
}

/** How sure the research is that an entry point is right and current; medium and low are shown "à vérifier". */
export type EntryPointCertainty = 'high' | 'medium' | 'low';
export const ENTRY_POINT_CERTAINTIES: readonly EntryPointCertainty[] = ['high', 'medium', 'low'];

/**
 * A public entry point of an operator (national or regional office), as published at `sourceDate`.
 * Every field but `note` and `sourceUrl` is shown to firms as it is: clean names, a city, an ISO
 * date; what the research says about them stays in `note`.
 */
export interface EntryPoint {
  operator: OperatorId;
  scope: 'national' | 'regional';
  regionCode: string;
  regionName: string;
  officeName: string;
  /** One city, or several separated by " / " when the source names several sites. */
  city?: string;
  address?: string;
  phone?: string;
  /** An http(s) address, never a research reference. */
  url?: string;
  /** Where the fact comes from; not always a link that can be shown to users (see `sourceIsLink`). */
  sourceUrl: string;
  sourceIsLink: boolean;
  /** Date of the source (YYYY, YYYY-MM or YYYY-MM-DD), not of a check; '' when the source is undated. */
  sourceDate: string;
  /** The date is an estimate from the source's content ("vers 2018"). */
  sourceDateApprox?: boolean;
  certainty: EntryPointCertainty;
  /** The research note behind the row (certainty, what was left out): for administrators, never shown to firms. */
  note: string;
}

export interface TerritoryMember {
  kind: 'epci' | 'ept' | 'commune';
  /** SIREN for EPCI and EPT, INSEE code for a single commune. */
  code: string;
  name: string;
}

export interface Territory {
  id: string;
  wave: Wave;
  name: string;
  regionCode: string;
  regionName: string;
  members: TerritoryMember[];
  source: string;
}

/** A named referent designated by an operator for one territory. */
export interface NamedReferent {
  name: string;
  role: string;
  email?: string;
  phone?: string;
  source: string;
  verifiedAt: string;
}

/** One slot per (territory, wave, operator). `referent` stays null until an operator designates one. */
export interface ReferentSlot {
  territoryId: string;
  wave: Wave;
  operator: OperatorId;
  referent: NamedReferent | null;
  updatedAt: string;
  updatedBy: string;
}

/** What every interface shows for a territory's operator slot. */
export type ReferentView =
  | ({ operator: OperatorId; operatorName: string; kind: 'named' } & NamedReferent)
  | {
      operator: OperatorId;
      operatorName: string;
      kind: 'regional';
      /** The national entry point first (it has a phone or a site), then the regional offices last reported. */
      entryPoints: EntryPoint[];
    };

export interface CommuneRef {
  code: string;
  name: string;
  department: string;
}

export interface TerritoryRef {
  id: string;
  name: string;
  wave: Wave;
  region: string;
}

export type LookupStatus = 'resolved' | 'ambiguous' | 'unknown';

/**
 * Why a lookup found no place, for the caller to choose its answer:
 * - 'empty': nothing was typed;
 * - 'no-place': the message names no place (ordinary words, a question, a person);
 * - 'unknown-place': a word stands where a place would, but no place has that name;
 * - 'unknown-code': a postal or INSEE code that no commune has;
 * - 'department-only': a department and no commune ("le 74", "(93)", "Haute-Savoie"), in `departments`.
 */
export type NoPlaceReason = 'empty' | 'no-place' | 'unknown-place' | 'unknown-code' | 'department-only';

/** The contract shared by the REST API, the CLI, the bot and the tests. */
export interface LookupResult {
  query: string;
  status: LookupStatus;
  /** The list the answer was computed against. */
  wave: Wave;
  /** How the answer was found: 'insee', 'postal-code', 'commune', 'former-commune', 'epci', 'territory', 'siret'. */
  matchedBy?: string;
  territory: TerritoryRef | null;
  commune: CommuneRef | null;
  candidates: Array<{ commune: CommuneRef | null; territory: TerritoryRef | null; label: string }>;
  /** Set when an ambiguous answer lists only the most populous candidates: how many more there were. */
  omittedCandidates?: number;
  /**
   * Set when the query's code was read as a postal code but is also the INSEE code of another
   * commune, which "INSEE <code>" would give instead.
   */
  inseeCodeOf?: CommuneRef;
  /** Set when status is 'unknown'. */
  reason?: NoPlaceReason;
  /** Department codes a 'department-only' message named. */
  departments?: string[];
  /**
   * The words of a longer message that named the place, as typed: for an ambiguous answer, and
   * for an 'unknown-place' the words that stood where a place would ("in Dunkirk, who do I call?"
   * → "Dunkirk"), so answers quote them rather than the whole message.
   */
  placeName?: string;
  /**
   * Set when a full name was taken over smaller places matching it only in part ("Cluses" is
   * Cluses (74); Les Cluses (66) is its namesake), so that an answer can mention them.
   */
  namesakes?: Array<{ commune: CommuneRef | null; territory: TerritoryRef | null; label: string }>;
  referents: ReferentView[];
  /**
   * The intercommunality of the resolved commune (its EPT in the Métropole du Grand Paris, where
   * territories are made of EPTs), or the one the query named: the local door to the territory's
   * project team when it is one of the territory's members (`member`).
   */
  intercommunality?: { code: string; name: string; kind: 'epci' | 'ept'; member: boolean };
  /**
   * Set when the place is an intercommunality only part of which is in `territory`: the member
   * communes that are in it, and how many communes it has in all.
   */
  partial?: { communes: CommuneRef[]; total: number };
}
