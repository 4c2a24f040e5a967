import type { DeliveryMode } from '../../domain/contact/service';
import type { RequestTarget } from '../../domain/contact/types';
import type { CommuneRef, OperatorId, ReferentView, TerritoryRef, Wave } from '../../domain/types';
import type { Lang } from '../lang';

/**
 * The typed data of each card template, shared by the card modules and their plain-text versions
 * (../text.ts). Plain values: the card escapes them, the text cleans them.
 */

/** What the territory card (and its text fallback) shows. Plain values: the card escapes them. */
export interface TerritoryCardData {
  locale: Lang;
  /** The list the answer was computed against (used in the "no territory" sentence). */
  wave: Wave;
  /** null: the place is in no Territoire d'industrie of that list. */
  territory: TerritoryRef | null;
  commune: CommuneRef | null;
  /** Region name shown when `territory` is null (a territory carries its own). */
  region?: string;
  /** Establishment name when the lookup came from a SIRET. */
  establishmentName?: string;
  /**
   * The place's intercommunality; when it is a member of a territory with a project lead (2023-2027
   * list), the local door to that team.
   */
  intercommunality?: { name: string; member: boolean };
  /** An intercommunality only partly in the territory: the communes that are in, and how many it has. */
  partial?: { name: string; communes: string[]; total: number };
  /** One view per operator, in display order; regional views carry their entry points (regional first). */
  referents: ReferentView[];
  /**
   * Offer "Contacter mon référent ..." buttons. Defaults to true inside a territory, and outside
   * every territory when the commune is known (the request goes to the operator's entry point
   * for its region).
   */
  allowContact?: boolean;
  /** Smaller places of the same name ("Les Cluses" beside "Cluses"), offered as buttons in case one is meant. */
  namesakes?: ChoiceItem[];
}

export interface ChoiceItem {
  /** What the user reads, e.g. "Saint-Fictif (99) · Territoire Fictif de Test". */
  label: string;
  /** What comes back in `{action: 'choose', value}`: a query that resolves to this candidate alone (INSEE code first). */
  value: string;
}

export interface ChoicesCardData {
  locale: Lang;
  /** What the user typed. */
  query: string;
  /** The candidates; the card shows the first MAX_CHOICES and says how many were left out. */
  choices: ChoiceItem[];
  /** Matching places already left out of `choices` (the resolver lists the most populous first). */
  omitted?: number;
  /** The query was a postal code: the way out of the list is the commune's name, not a postal code. */
  byPostalCode?: boolean;
}

export interface ContactSummaryCardData {
  locale: Lang;
  operator: OperatorId;
  operatorName: string;
  territoryName: string;
  target: RequestTarget;
  firm: { name: string; contactName: string; email?: string; phone?: string };
  need: string;
  /** How long the request is kept before deletion, as configured for the request store. */
  retentionDays: number;
  /** Where the firm asks to see, correct or delete its data (config PRIVACY_CONTACT); empty when not set. */
  privacyContact: string;
  /** Echoed by both buttons so a double click or a replayed card maps to one draft (idempotency key). */
  draftId: string;
}

export interface ContactConfirmationCardData {
  locale: Lang;
  reference: string;
  operatorName: string;
  target: RequestTarget;
  /** Whether a notifier takes the request: the card says "sent automatically" or "passed on by hand". */
  delivery: DeliveryMode;
  /** Working days an administrator takes to pass it on by hand, when the deployment commits to one. */
  reviewDays?: number;
}

/** The engine's answer for one scheme. */
export type SchemeVerdict = 'eligible' | 'unknown' | 'not-eligible';

/** Who to talk to about a scheme. */
export type SchemeContact =
  /** The territory's slot for the operator running the scheme: named referent or entry points. */
  | { kind: 'referent'; referent: ReferentView }
  /** Schemes applied for outside the four operators (e.g. démarches-simplifiées): how to apply. */
  | { kind: 'apply'; text: string; url?: string };

export interface SchemeCardEntry {
  id: string;
  name: string;
  verdict: SchemeVerdict;
  /** One line: why it is (or is not) open to the firm. */
  reason: string;
  /** Amount or advantage as published, with its date when it matters ("4 000 € par VTE (2022)"). */
  amount?: string;
  /** The amount or rule is uncertain (old, conflicting or secondary source): say "à confirmer auprès du référent". */
  toConfirm?: boolean;
  /** For 'unknown': what the firm still has to tell (already localised, short). */
  missing?: string[];
  /** Conditions the sources state and the assistant does not check: the firm checks them with the referent. */
  conditions?: string[];
  /** Disagreements between the sources (amounts, diploma level), shown rather than resolved. */
  conflicts?: string[];
  /** Nothing after this date says the offer still runs: "Offre attestée jusqu'en <date> : à confirmer". */
  staleSince?: string;
  contact?: SchemeContact;
}

export interface SchemesCardData {
  locale: Lang;
  /** Territory the answer is for, shown under the title; null/absent outside any territory. */
  territoryName?: string | null;
  /** In any order: the card groups them eligible, unknown, then not-eligible (behind "Pourquoi pas ?"). */
  schemes: SchemeCardEntry[];
  /** Offer a "Contacter ..." button on eligible schemes run by an operator. Default: true when territoryName is set. */
  allowContact?: boolean;
}
