import { escapeMarkdown, markdownLines, markdownLink, plainText, safeHttpUrl } from '../escape';
import schemesTemplate from './schemes.json';
import { formatMonth, labelled, messages } from '../messages';
import type { Lang } from '../lang';
import { expandCard, expandTemplate, type AdaptiveCardJson } from './template';
import { identityOf, Recent } from '../../domain/recent';
import { entryPointMarkdown } from '../entry-points';
import { schemesText } from '../text';
import type { SchemeCardEntry, SchemeContact, SchemesCardData } from './data';

interface Line {
  text: string;
  subtle: boolean;
}

function contactLines(contact: SchemeContact, locale: Lang): Line[] {
  const s = messages(locale).card;
  if (contact.kind === 'apply') {
    const url = safeHttpUrl(contact.url);
    const text = escapeMarkdown(contact.text, 300);
    return [{ text: labelled(locale, s.applyLabel, url ? `${text} · ${markdownLink(s.website, url)}` : text), subtle: false }];
  }
  const ref = contact.referent;
  if (ref.kind === 'named') {
    return [
      { text: labelled(locale, s.contactLabel, s.referentOf(`**${escapeMarkdown(ref.name, 120)}**`, escapeMarkdown(ref.operatorName, 80))), subtle: false },
    ];
  }
  const lines: Line[] = [{ text: labelled(locale, s.contactLabel, s.notDesignatedOf(escapeMarkdown(ref.operatorName, 80))), subtle: false }];
  const first = ref.entryPoints[0];
  if (first) lines.push({ text: entryPointMarkdown(first, locale), subtle: true });
  return lines;
}

/** The conditions to check and, for an offer that may have ended, the date it was last attested. */
function checkLines(entry: SchemeCardEntry, locale: Lang): Line[] {
  const s = messages(locale).card;
  const lines: Line[] = [];
  if (entry.staleSince) lines.push({ text: s.staleOffer(escapeMarkdown(formatMonth(entry.staleSince, locale), 30)), subtle: false });
  for (const c of entry.conflicts ?? []) lines.push({ text: s.conflict(escapeMarkdown(c, 300)), subtle: true });
  const conditions = (entry.conditions ?? []).map((c) => escapeMarkdown(c, 200)).filter(Boolean);
  if (conditions.length) lines.push({ text: s.conditions(conditions.join(' ; ')), subtle: true });
  return lines;
}

function eligibleView(entry: SchemeCardEntry, locale: Lang, allowContact: boolean) {
  const s = messages(locale).card;
  const lines: Line[] = [];
  if (entry.amount) {
    const amount = escapeMarkdown(entry.amount, 200);
    lines.push({ text: entry.toConfirm ? `${amount} (${s.toConfirm})` : amount, subtle: false });
  } else if (entry.toConfirm) {
    lines.push({ text: s.toConfirm, subtle: false });
  }
  lines.push(...checkLines(entry, locale));
  if (entry.contact) lines.push(...contactLines(entry.contact, locale));
  const referent = entry.contact?.kind === 'referent' ? entry.contact.referent : null;
  return {
    name: escapeMarkdown(entry.name, 120),
    reason: escapeMarkdown(entry.reason, 300),
    lines,
    hasContactAction: allowContact && referent !== null,
    operator: referent?.operator ?? '',
    contactTitle: referent ? plainText(referent.kind === 'named' ? s.contactNamed(referent.operatorName) : s.contactEntryPoint(referent.operatorName), 60) : '',
  };
}

function unknownView(entry: SchemeCardEntry, locale: Lang) {
  const s = messages(locale).card;
  const lines: Line[] = [];
  const missing = (entry.missing ?? []).map((m) => escapeMarkdown(m, 120)).filter(Boolean);
  // The reason is often the first missing item: said once, in the missing line.
  if (entry.reason && !(entry.missing ?? []).includes(entry.reason)) lines.push({ text: escapeMarkdown(entry.reason, 300), subtle: false });
  if (missing.length) lines.push({ text: s.missing(missing.join(', ')), subtle: false });
  if (entry.amount) lines.push({ text: escapeMarkdown(entry.amount, 200), subtle: true });
  lines.push(...checkLines(entry, locale));
  return { name: escapeMarkdown(entry.name, 120), lines };
}

/** The card's two lists of schemes: the template's element for one scheme of each, bound per scheme. */
const ELIGIBLE_AT = 4;
const UNKNOWN_AT = 6;
const entryTemplate = (at: number, list: string): object => {
  const element = schemesTemplate.body[at] as { $data?: string };
  if (element.$data !== `\${${list}}`) throw new Error(`schemes card template: element ${at} is not the ${list} list`);
  const { $data: _list, ...one } = element;
  return one;
};
const eligibleTemplate = entryTemplate(ELIGIBLE_AT, 'eligible');
const unknownTemplate = entryTemplate(UNKNOWN_AT, 'unknown');

/**
 * One scheme's block of the card, expanded once and kept: a scheme's block depends only on its
 * entry (name, verdict, reason, lines, contact), the language and whether it may offer a contact,
 * and the same entries come back across firms and territories (18 schemes, a few verdicts
 * each), while their combinations in a whole card mostly do not. A new firm's card was a whole
 * expansion of every block; now only blocks not seen recently are expanded. Frozen referent
 * views are named by their identity in the key (see identityOf), as in the whole card's key.
 */
const entryBlocks = new Recent<object>(512);

/**
 * What a block shows, as its key: exactly the fields eligibleView and unknownView read (keep them
 * in step). An undecided scheme's block names no contact, so it is the same in every territory.
 */
function entryKey(entry: SchemeCardEntry, locale: Lang, allowContact: boolean): string {
  const { name, reason, amount, staleSince, conflicts, conditions } = entry;
  if (entry.verdict !== 'eligible') return JSON.stringify([locale, 'unknown', name, reason, entry.missing, amount, staleSince, conflicts, conditions]);
  const contact =
    entry.contact?.kind === 'referent' && Object.isFrozen(entry.contact.referent)
      ? Object.assign({}, entry.contact, { referent: identityOf(entry.contact.referent) })
      : entry.contact;
  return JSON.stringify([locale, 'eligible', allowContact, name, reason, amount, entry.toConfirm, staleSince, conflicts, conditions, contact]);
}

function entryBlock(entry: SchemeCardEntry, locale: Lang, allowContact: boolean): object {
  const key = entryKey(entry, locale, allowContact);
  const kept = entryBlocks.get(key);
  if (kept) return kept;
  const block =
    entry.verdict === 'eligible'
      ? expandTemplate(eligibleTemplate, eligibleView(entry, locale, allowContact))
      : expandTemplate(unknownTemplate, unknownView(entry, locale));
  return entryBlocks.set(key, block as object);
}

export function renderSchemesCard(data: SchemesCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = messages(locale).card;
  const allowContact = data.allowContact ?? !!data.territoryName;
  const eligible = data.schemes.filter((x) => x.verdict === 'eligible');
  const unknown = data.schemes.filter((x) => x.verdict === 'unknown');
  const notEligible = data.schemes.filter((x) => x.verdict === 'not-eligible');
  // The card around the blocks, then the blocks (kept ones) where its two lists stand.
  const shell = expandCard(schemesTemplate, {
    lang: locale,
    fallbackText: markdownLines(schemesText({ ...data, locale }), 1500),
    title: s.schemesTitle,
    hasSubtitle: !!data.territoryName,
    subtitle: data.territoryName ? s.schemesFor(escapeMarkdown(data.territoryName, 160)) : '',
    eligibleHeading: s.eligibleHeading,
    hasEligible: eligible.length > 0,
    noEligible: s.noEligible,
    eligible: [],
    hasUnknown: unknown.length > 0,
    unknownHeading: s.unknownHeading,
    unknown: [],
    hasNotEligible: notEligible.length > 0,
    whyNot: plainText(s.whyNot),
    notEligibleHeading: s.notEligibleHeading,
    notEligible: notEligible.map((e) => ({ text: labelled(locale, `**${escapeMarkdown(e.name, 120)}**`, escapeMarkdown(e.reason, 300)) })),
    restart: plainText(s.restart),
  });
  // Without its lists the body is the title, the subtitle, the eligible heading, "none", then the
  // unknown heading: the eligible blocks go before the unknown heading, the unknown ones last.
  const body = shell.body;
  const unknownHeadingAt = unknown.length > 0 ? body.length - 1 : body.length;
  if (unknown.length > 0 && (body[unknownHeadingAt] as { text?: unknown }).text !== s.unknownHeading)
    throw new Error('schemes card template: the unknown heading is not where the lists go');
  return {
    ...shell,
    body: [
      ...body.slice(0, unknownHeadingAt),
      ...eligible.map((e) => entryBlock(e, locale, allowContact)),
      ...body.slice(unknownHeadingAt),
      ...unknown.map((e) => entryBlock(e, locale, allowContact)),
    ],
  };
}
