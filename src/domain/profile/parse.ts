import type { Lang } from '../types';
import { foldAccents } from '../normalize';
import { extractCompanyNumbers } from '../company/siret';
import { isKnownNafCode, nafSection, normalizeNafCode, type NafSection } from '../company/naf';
import type { CompanyFound } from '../company/directory';
import { findAmounts } from './amounts';
import { readDigitNumbers } from './digits';
import { capText, normalizeForRecognizers, type NumberSpan } from './figures';
import { foundingYear } from './founding';
import { NEEDS, type FirmProfile, type Need, type SectorMatch } from './types';

/**
 * Free text (French or English) to the parts of a firm profile it states. Only what the text
 * says is returned: a field absent from the result was not mentioned, never "no".
 *
 * In two steps, so that the numbers can be read elsewhere: `prepareProfileText` reads what needs
 * no number (company numbers, NAF code, needs, sector, group) and the text whose numbers are to
 * be read; `completeProfile` reads the figures (headcount, turnover, balance sheet, founding year)
 * from that text's numbers. Both are linear in the text, which is capped (MAX_PARSED_CHARS).
 */

const fold = (s: string) => foldAccents(s).toLowerCase();

const NEED_PATTERNS: Record<Need, RegExp> = {
  recruter:
    /recrut|embauch|\bhire\b|\bhiring\b|recruit|main d.?oeuvre|pourvoir (?:des|nos|les) postes|penurie de (?:personnel|main|candidats)|staff shortage|find (?:workers|staff|technicians|engineers)/,
  innover: /innov|\br ?& ?d\b|\br et d\b|recherche et developpement|nouveaux? produits?|new products?|prototyp|brevet|patent/,
  investir:
    /investi|\binvest|machines?\b|equipements?\b|equipment|ligne de production|production line|outil de production|capacite de production|production capacity|modernis|moderniz|automatis|automat(?:e|ion)\b|robotis|digitalis/,
  exporter: /export|international|a l.?etranger|abroad|overseas|foreign markets?|marches? etrangers?|volontariat international|\bv\.i\.e\b/,
  'foncier-immobilier':
    /foncier|terrains?\b|batiments?\b|locaux|friches?\b|immobilier|s.?agrandir|agrandissement|extension (?:de|du|d.) ?(?:site|l.?usine|batiment|atelier)|nouveau site|nouvelle usine|site industriel|\bland\b|buildings?\b|premises|brownfield|real estate|new (?:site|plant|factory)|expand (?:our|the) (?:site|plant|factory)/,
  // "train" alone may be the vehicle ("train parts"): the verb with whom it trains.
  former:
    /\bformer\b|\bformation|competences|\btraining\b|\btrain (?:our|my|the|new|some|staff|employees|workers|people|operators|them)\b|upskill|reskill|\bskills\b/,
  'transition-ecologique':
    /decarbon|transition (?:ecologique|energetique|environnementale|verte)|ecological transition|energy transition|\benergie|\benerg(?:y|etique)|carbone|carbon|\bco2\b|environnement|environmental|\bgreen\b|sobriete|economie circulaire|circular economy|climat|emissions/,
};

const GENERIC_FINANCING = /financ|\bprets?\b|levee de fonds|fonds propres|\bloans?\b|funding/;
const TRAIN_JOBSEEKERS = /demandeurs? d.?emploi|jobseekers?|job seekers?|avant (?:de les |l.?)?(?:embauch|recrut)|before hiring/;
const TRAIN_STAFF =
  /(?:former|formation d[eu]s?|monter en competences?|faire monter en competences?) (?:nos|mes|notre|les|des) (?:propres )?(?:salaries|operateurs|equipes?|personnel|collaborateurs|techniciens|employes|ouvriers|soudeurs|agents)|(?:train|upskill|reskill) (?:our|my|the) (?:own )?(?:staff|employees|team|workers|operators)/;
const VIE = /volontariat international|\bv\.i\.e\b|\b(?:un|une|des|en|le|nos|notre) vie\b(?! (?:de|d|privee|quotidienne|professionnelle|locale))/;
const YOUNG_GRADUATE =
  /jeunes? diplome|jeunes? ingenieur|jeunes? inges?\b|jeunes? talent|young graduates?|graduates?\b|alternan(?:t|te|ts|tes|ce)\b|apprentie?s?\b|\bvte\b|volontariat territorial|sortie? d.?ecole|fresh(?:ly)? graduate|work[- ]study|apprentice/;
const NO_YOUNG_GRADUATE =
  /(?:\bpas\b|\baucun|\bni\b|\bno\b|\bnot\b|n.?avons pas besoin) (?:de |d.|d.un |d.une |any |a )?(?:jeunes? diplome|alternant|young graduate|graduate|apprenti)/;
const NOT_INDEPENDENT =
  /filiale|appartient a un groupe|(?:fait|faisons) partie d.?un groupe|detenue? (?:a \d+ ?% )?par un groupe|subsidiary|part of a (?:larger |bigger )?group|owned by a group/;
const INDEPENDENT =
  /independant|independent|familiale?\b|family[- ]owned|family business|pas de groupe|(?:not|n.?est pas|ne sommes pas) (?:part of|dans|membre d.?) (?:a |un )?group|n.?appartient (?:a )?aucun groupe|n.?appartenons a aucun groupe/;

/** "industriel ... production" on one line, in one pass (the pattern `industriel.*production` is quadratic). */
function industrialProduction(folded: string): boolean {
  const start = /\bindustriel(?:le)?\b/g;
  for (const line of folded.split('\n')) {
    start.lastIndex = 0;
    const m = start.exec(line);
    if (m && /\bproduction/.test(line.slice(m.index + m[0].length - 1))) return true;
  }
  return false;
}

/** Activity words that point to a NAF section (and division when unambiguous). */
const SECTORS: Array<{
  pattern: RegExp;
  also?: (folded: string) => boolean;
  word: string;
  section: NafSection;
  division?: string;
  certainty: 'HIGH' | 'MEDIUM';
}> = [
  { pattern: /\businage|machining/, word: 'usinage', section: 'C', division: '25', certainty: 'HIGH' },
  { pattern: /decolletage/, word: 'décolletage', section: 'C', division: '25', certainty: 'HIGH' },
  {
    pattern: /chaudronnerie|metalworking|traitement de surface|surface treatment|\bforge\b/,
    word: 'travail des métaux',
    section: 'C',
    division: '25',
    certainty: 'HIGH',
  },
  {
    pattern: /plasturgi|injection plastique|plastics? (?:processing|injection|moulding|molding)|plastics company|\bplastics\b/,
    word: 'plasturgie',
    section: 'C',
    division: '22',
    certainty: 'HIGH',
  },
  { pattern: /fonderie|foundry/, word: 'fonderie', section: 'C', division: '24', certainty: 'HIGH' },
  { pattern: /metallurgi|siderurgi|steelmaking|steel mill/, word: 'métallurgie', section: 'C', division: '24', certainty: 'HIGH' },
  { pattern: /agroalimentaire|agro-alimentaire|food processing|food industry|food manufacturer/, word: 'agroalimentaire', section: 'C', certainty: 'HIGH' },
  { pattern: /textile/, word: 'textile', section: 'C', certainty: 'MEDIUM' },
  { pattern: /aeronautique|aerospace|aeronautics/, word: 'aéronautique', section: 'C', certainty: 'MEDIUM' },
  { pattern: /\bchimie\b|chemicals? (?:company|manufacturer|industry)/, word: 'chimie', section: 'C', division: '20', certainty: 'MEDIUM' },
  { pattern: /pharmaceutique|pharmaceutical/, word: 'pharmacie', section: 'C', division: '21', certainty: 'MEDIUM' },
  { pattern: /verrerie|glassworks|glass manufactur/, word: 'verrerie', section: 'C', division: '23', certainty: 'HIGH' },
  { pattern: /papeterie industrielle|cartonnerie|paper mill/, word: 'papier-carton', section: 'C', division: '17', certainty: 'HIGH' },
  { pattern: /imprimerie|printing works/, word: 'imprimerie', section: 'C', division: '18', certainty: 'MEDIUM' },
  { pattern: /electronique|electronics manufactur/, word: 'électronique', section: 'C', certainty: 'MEDIUM' },
  {
    pattern: /\busine\b|\busines\b|\bfactory\b|\bmanufactur|\bfabricant|sous-traitant industriel|industrial subcontract/,
    also: industrialProduction,
    word: 'fabrication',
    section: 'C',
    certainty: 'MEDIUM',
  },
];

const STAFF_AFTER =
  /^\s*(?:[\p{L}'’-]+\s+)?(?:salarié|salariée|salariés|salariées|personnes?|employés?|employées?|collaborat(?:eur|eurs|rice|rices)|ETP|équivalents? temps plein|emplois|agents|ouvriers|opérateurs|people|employees|employee|staff|workers|FTEs?|persons)\b/iu;
/** "a 30-person firm", "a 120-strong team", "a 120-staff plastics firm". */
const STAFF_COMPOUND = /^-(?:persons?|people|employees?|staff|workers?|strong|salariés?)\b/iu;
const STAFF_BEFORE =
  /(?:effectifs?|headcount|workforce|employons|emploie|employ|employing|employs|team of|équipe de|nous sommes|on est|we are)\s*(?:de|:|of|d['’]environ|environ|about|around|approximately|approx\.?|près de|plus de)?\s*$/iu;
const APPROX_STAFF = /\b(dizaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine)\s+(?:de\s+|d['’])(?:salari|personne|employ|collaborat)/iu;
const APPROX_VALUES: Record<string, number> = { dizaine: 10, vingtaine: 20, trentaine: 30, quarantaine: 40, cinquantaine: 50, soixantaine: 60, centaine: 100 };

const TURNOVER_WORDS = /chiffre d['’]affaires|\bCA\b|C\.A\.|turnover|revenues?|sales/giu;
const BALANCE_WORDS = /total d[eu] bilan|\bbilan\b|balance sheet|total assets/giu;

/** The nearest preceding keyword kind within `reach` characters, or null. */
function amountKind(text: string, span: { start: number; end: number }, reach = 32): 'turnover' | 'balance' | null {
  const before = text.slice(Math.max(0, span.start - reach), span.start);
  const after = text.slice(span.end, span.end + 30);
  let best: { kind: 'turnover' | 'balance'; at: number } | null = null;
  for (const [kind, re] of [
    ['turnover', TURNOVER_WORDS],
    ['balance', BALANCE_WORDS],
  ] as const) {
    for (const m of before.matchAll(re)) {
      const at = m.index ?? 0;
      if (!best || at > best.at) best = { kind, at };
    }
  }
  // A keyword right after the amount ("12 M€ de CA") wins over a farther one before it, unless
  // it introduces the next figure ("CA de 0,6 M€ total de bilan de 0,5 M€").
  const trailing = /^\s*(?:de|d['’]|of|in)?\s*(chiffre d['’]affaires|\bCA\b|turnover|revenues?|sales|total de bilan|bilan|balance sheet)/iu.exec(after);
  const introducesNext = trailing && best && /^\s?(?:de|d['’]|of|:)\s?[€$£]?\d/iu.test(after.slice(trailing[0].length));
  if (trailing && !introducesNext) return /bilan|balance/i.test(trailing[1]!) ? 'balance' : 'turnover';
  return best?.kind ?? null;
}

function isHeadcount(text: string, n: NumberSpan): boolean {
  if (n.value < 1 || n.value > 1_000_000 || !Number.isInteger(n.value)) return false;
  const after = text.slice(n.end, n.end + 48);
  if (STAFF_AFTER.test(after) || STAFF_COMPOUND.test(after)) return true;
  // "nous sommes une PME": an article is not a headcount.
  if (n.value < 2) return false;
  return STAFF_BEFORE.test(text.slice(Math.max(0, n.start - 32), n.start));
}

export interface ParseOptions {
  now?: Date;
}

/** A message made ready for its numbers to be read: what it says without them, and its text. */
export interface PreparedProfileText {
  locale: Lang;
  /** The text whose numbers are to be read; every offset of a NumberSpan refers to it. */
  text: string;
  /** What the message says that needs no number: company numbers, NAF code, needs, sector, group. */
  profile: Partial<FirmProfile>;
}

export function prepareProfileText(text: string, locale: Lang): PreparedProfileText {
  const profile: Partial<FirmProfile> = {};
  const input = typeof text === 'string' ? capText(text) : '';
  if (!input.trim()) return { locale, text: '', profile };

  // Company numbers first, then blanked (same length) so their digits are not read as figures.
  let work = input;
  for (const n of extractCompanyNumbers(input)) {
    if (n.valid) {
      if (n.kind === 'siret' && !profile.siret) profile.siret = n.value;
      profile.siren ??= n.siren;
    } else {
      profile.invalidCompanyNumber ??= n.value;
    }
    work = work.slice(0, n.start) + ' '.repeat(n.end - n.start) + work.slice(n.end);
  }

  // An explicit NAF/APE code: "NAF 25.62B", "code APE 2562B", or a dotted code on its own.
  const nafMatch = /\b(?:NAF|APE)\s?(?:code\s?)?(?:rév\.?\s?2\s?)?:?\s?(\d{2}\s?\.?\s?\d{2}\s?[A-Za-z])\b/iu.exec(work) ?? /\b(\d{2}\.\d{2}[A-Z])\b/.exec(work);
  if (nafMatch) {
    const code = normalizeNafCode(nafMatch[1]!);
    if (code && isKnownNafCode(code)) {
      profile.naf = code;
      const section = nafSection(code);
      if (section) profile.nafSection = section;
    }
    const at = nafMatch.index;
    work = work.slice(0, at) + ' '.repeat(nafMatch[0].length) + work.slice(at + nafMatch[0].length);
  }

  const normalized = normalizeForRecognizers(work, locale);
  const folded = fold(normalized);
  const needs = NEEDS.filter((need) => NEED_PATTERNS[need].test(folded));
  // "Financer" alone is an investment project; "financer notre R&D" is innovation.
  if (needs.length === 0 && GENERIC_FINANCING.test(folded)) needs.push('investir');
  const vie = VIE.test(folded);
  if (vie && !needs.includes('exporter')) needs.push('exporter');
  if (needs.length) profile.needs = NEEDS.filter((n) => needs.includes(n));
  if (needs.includes('transition-ecologique')) profile.ecologicalProject = true;
  if (TRAIN_JOBSEEKERS.test(folded)) profile.trainsJobseekers = true;
  else if (TRAIN_STAFF.test(folded)) profile.trainsJobseekers = false;
  if (vie) profile.wantsVie = true;

  if (NO_YOUNG_GRADUATE.test(folded)) profile.wantsYoungGraduate = false;
  else if (YOUNG_GRADUATE.test(folded)) profile.wantsYoungGraduate = true;

  if (INDEPENDENT.test(folded) && !/pas independant|not independent/.test(folded)) profile.independent = true;
  if (NOT_INDEPENDENT.test(folded)) profile.independent = false;

  const sectors: SectorMatch[] = [];
  for (const s of SECTORS) {
    if (s.pattern.test(folded) || s.also?.(folded)) {
      sectors.push({ word: s.word, section: s.section, ...(s.division ? { division: s.division } : {}), certainty: s.certainty });
    }
  }
  if (sectors.length) {
    profile.sectorWords = sectors;
    profile.nafSection ??= sectors[0]!.section;
  }
  return { locale, text: normalized, profile };
}

/** The figures the prepared text states, read from its numbers (in text order). */
export function completeProfile(prepared: PreparedProfileText, numbers: readonly NumberSpan[], options: ParseOptions = {}): Partial<FirmProfile> {
  const { text: normalized, locale } = prepared;
  const figures: Partial<FirmProfile> = {};
  const now = options.now ?? new Date();
  const amounts = findAmounts(normalized, numbers, locale);

  for (const a of amounts) {
    if (a.currency !== 'EUR') continue;
    const kind = amountKind(normalized, a);
    if (kind === 'turnover' && figures.turnoverEur === undefined) figures.turnoverEur = a.value;
    if (kind === 'balance' && figures.balanceSheetEur === undefined) figures.balanceSheetEur = a.value;
  }
  // Numbers and amounts are both in text order: one sweep finds the numbers inside an amount.
  let m = 0;
  for (const n of numbers) {
    while (m < amounts.length && amounts[m]!.end <= n.start) m++;
    if (m < amounts.length && amounts[m]!.start < n.end) continue;
    if (figures.headcount === undefined && isHeadcount(normalized, n)) {
      figures.headcount = n.value;
      continue;
    }
    // "un CA de 12 millions": no currency named, but a turnover in euros is what is meant.
    if (n.value >= 10_000) {
      const kind = amountKind(normalized, n);
      if (kind === 'turnover' && figures.turnoverEur === undefined) figures.turnoverEur = n.value;
      if (kind === 'balance' && figures.balanceSheetEur === undefined) figures.balanceSheetEur = n.value;
    }
  }
  if (figures.headcount === undefined) {
    const approx = APPROX_STAFF.exec(normalized);
    if (approx) figures.headcount = APPROX_VALUES[approx[1]!.toLowerCase()]!;
  }
  const founded = foundingYear(normalized, numbers, now);
  if (founded !== undefined) figures.foundedYear = founded;
  return { ...figures, ...prepared.profile };
}

/**
 * The numbers of a prepared text read here, without the number model, or null when the text
 * writes numbers in words (or in shapes only the model reads): see digits.ts.
 */
export function readWithoutModel(prepared: PreparedProfileText): NumberSpan[] | null {
  return readDigitNumbers(prepared.text, prepared.locale);
}

/**
 * The whole profile in one call, with the numbers read by `readNumbers` where the text needs
 * the number model. For callers that hold the model in the same thread (tests, tools).
 */
export function parseProfileWith(
  text: string,
  locale: Lang,
  readNumbers: (text: string, locale: Lang) => NumberSpan[],
  options: ParseOptions = {},
): Partial<FirmProfile> {
  const prepared = prepareProfileText(text, locale);
  if (!prepared.text) return prepared.profile;
  return completeProfile(prepared, readWithoutModel(prepared) ?? readNumbers(prepared.text, locale), options);
}

const mergeById = <T>(a: T[] | undefined, b: T[] | undefined, key: (x: T) => string): T[] => {
  const out = new Map<string, T>();
  for (const x of [...(a ?? []), ...(b ?? [])]) out.set(key(x), x);
  return [...out.values()];
};

/**
 * Adds what a new message (or the directory) says to what is known. Later values replace
 * earlier ones (the user corrects "85" to "95"); needs and sector words accumulate.
 */
export function mergeProfile(base: Partial<FirmProfile> | undefined, update: Partial<FirmProfile> | undefined): FirmProfile {
  const out: FirmProfile = { ...(base ?? {}), needs: [...(base?.needs ?? [])] } as FirmProfile;
  for (const [key, value] of Object.entries(update ?? {}) as Array<[keyof FirmProfile, unknown]>) {
    if (value === undefined || key === 'needs' || key === 'sectorWords') continue;
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  out.needs = NEEDS.filter((n) => out.needs.includes(n) || (update?.needs ?? []).includes(n));
  const sectors = mergeById(base?.sectorWords, update?.sectorWords, (s) => s.word);
  if (sectors.length) out.sectorWords = sectors;
  // A valid number supersedes a mistyped one.
  if (update?.siren || update?.siret) delete out.invalidCompanyNumber;
  // The group's figures replace the subsidiary's own ones given before, unless restated with them.
  if (update?.groupFigures && !base?.groupFigures) {
    if (update.turnoverEur === undefined) delete out.turnoverEur;
    if (update.balanceSheetEur === undefined) delete out.balanceSheetEur;
    delete out.registryCategory;
  }
  return out;
}

/** What the company directory tells about the firm, as profile fields. */
export function profileFromCompany(found: CompanyFound): Partial<FirmProfile> {
  const p: Partial<FirmProfile> = { siren: found.siren, companyName: found.name };
  if (found.establishment?.siret && found.locatedBy === 'siret') p.siret = found.establishment.siret;
  if (found.establishment?.communeCode) p.communeCode = found.establishment.communeCode;
  if (found.naf) p.naf = found.naf;
  if (found.nafSection) p.nafSection = found.nafSection;
  if (found.headcountBand && found.headcountBand.code !== '00') {
    p.headcount = { min: found.headcountBand.min, max: found.headcountBand.max };
  }
  if (found.registryCategory) p.registryCategory = found.registryCategory;
  return p;
}
