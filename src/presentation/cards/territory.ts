import { hasProjectLead, type LookupResult, type ReferentView } from '../../domain/types';
import { cleanLine, escapeMarkdown, joinMarkdownLines, mailtoUrl, markdownLineList, markdownLink, plainText, telUrl, type MarkdownLine } from '../escape';
import { formatSourceDate, labelled, messages, waveLabel, waveLabelInline } from '../messages';
import type { Lang } from '../lang';
import { expandCard, expandTemplate, type AdaptiveCardJson } from './template';
import template from './territory.json';
import operatorTemplate from './territory-operator.json';
import placeTemplate from './territory-place.json';
import { deepFreeze } from '../../domain/recent';
import { entryPointMarkdown } from '../entry-points';
import { referentsText, territoryHeadText } from '../text';
import type { TerritoryCardData } from './data';
import { namesakesOf } from './choices';

/** Region of a place outside any territory, read from the regional entry points it was given. */
function regionFromReferents(referents: readonly ReferentView[]): string | undefined {
  for (const r of referents) {
    if (r.kind !== 'regional') continue;
    const regional = r.entryPoints.find((e) => e.scope === 'regional' && e.regionName);
    if (regional) return regional.regionName;
  }
  return undefined;
}

/** Maps a resolved lookup (LookupResult or the bot's LookupAnswer) to the card's data. */
export function territoryCardData(result: LookupResult & { company?: { status: string; name?: string } }, locale: Lang): TerritoryCardData {
  const data: TerritoryCardData = {
    locale,
    wave: result.territory?.wave ?? result.wave,
    territory: result.territory,
    commune: result.commune,
    referents: result.referents,
  };
  const region = result.territory?.region ?? regionFromReferents(result.referents);
  if (region) data.region = region;
  if (result.company?.status === 'found' && result.company.name) data.establishmentName = result.company.name;
  if (result.namesakes?.length) data.namesakes = namesakesOf(result);
  if (result.intercommunality) data.intercommunality = { name: result.intercommunality.name, member: result.intercommunality.member };
  if (result.partial) {
    const name = result.intercommunality?.name ?? result.query;
    data.partial = { name, communes: result.partial.communes.map((c) => c.name), total: result.partial.total };
  }
  return data;
}

interface Line {
  text: string;
  subtle: boolean;
  size: 'Default' | 'Small';
}

function operatorView(ref: ReferentView, locale: Lang, allowContact: boolean) {
  const s = messages(locale).card;
  const operatorName = plainText(ref.operatorName, 80);
  const base = {
    operator: ref.operator,
    heading: escapeMarkdown(ref.operatorName, 80),
    allowContact,
    named: ref.kind === 'named',
  };
  if (ref.kind === 'named') {
    const lines: Line[] = [];
    const mailto = mailtoUrl(ref.email);
    if (ref.email) lines.push({ text: labelled(locale, s.email, escapeMarkdown(ref.email)), subtle: false, size: 'Default' });
    if (ref.phone) lines.push({ text: `${s.phone} ${markdownLink(ref.phone, telUrl(ref.phone))}`, subtle: false, size: 'Default' });
    if (ref.verifiedAt) lines.push({ text: s.verified(escapeMarkdown(formatSourceDate(ref.verifiedAt, locale))), subtle: true, size: 'Small' });
    const role = ref.role ? ` — ${escapeMarkdown(ref.role, 120)}` : '';
    return {
      ...base,
      referentLine: `**${escapeMarkdown(ref.name, 120)}**${role}`,
      notDesignated: '',
      lines,
      hasMailto: mailto !== null,
      mailtoTitle: mailto ? plainText(s.writeTo(ref.name), 60) : '',
      mailtoUrl: mailto ?? '',
      contactTitle: plainText(s.contactNamed(operatorName), 60),
      hasActions: mailto !== null || allowContact,
    };
  }
  const lines: Line[] = [];
  if (ref.entryPoints.length > 0) {
    lines.push({ text: s.meanwhile, subtle: false, size: 'Default' });
    for (const entry of ref.entryPoints) lines.push({ text: entryPointMarkdown(entry, locale), subtle: false, size: 'Default' });
  } else {
    lines.push({ text: s.noEntryPoint, subtle: true, size: 'Default' });
  }
  return {
    ...base,
    referentLine: '',
    notDesignated: s.notDesignated,
    lines,
    hasMailto: false,
    mailtoTitle: '',
    mailtoUrl: '',
    contactTitle: plainText(s.contactEntryPoint(operatorName), 60),
    hasActions: allowContact,
  };
}

// A territory's referent views are shared and frozen per knowledge-base revision (one array per
// territory), and every commune of the territory shows the same operator blocks: each block is
// expanded once per referent view, language and contact button, rather than on every turn that
// names a town not asked about recently (expanding them was most of such a lookup's card).
const operatorBlocks = new WeakMap<ReferentView, Map<string, unknown>>();

function operatorBlock(ref: ReferentView, locale: Lang, allowContact: boolean): unknown {
  if (!Object.isFrozen(ref)) return expandTemplate(operatorTemplate, operatorView(ref, locale, allowContact));
  let blocks = operatorBlocks.get(ref);
  if (!blocks) operatorBlocks.set(ref, (blocks = new Map()));
  const key = `${locale}:${allowContact}`;
  let block = blocks.get(key);
  if (block === undefined) blocks.set(key, (block = deepFreeze(expandTemplate(operatorTemplate, operatorView(ref, locale, allowContact)))));
  return block;
}

// The referents' lines of the card's fallback text, read and escaped once per territory's referent
// views (one frozen array per territory and knowledge-base revision) and language, like the blocks.
const referentLineLists = new WeakMap<readonly ReferentView[], Partial<Record<Lang, readonly MarkdownLine[]>>>();

function referentLines(referents: readonly ReferentView[], locale: Lang): readonly MarkdownLine[] {
  if (!Object.isFrozen(referents)) return markdownLineList(referentsText(referents, locale));
  const known = referentLineLists.get(referents);
  const kept = known?.[locale];
  if (kept) return kept;
  const lines = deepFreeze(markdownLineList(referentsText(referents, locale), true));
  referentLineLists.set(referents, { ...known, [locale]: lines });
  return lines;
}

/** The part of the card that is the same for every place of a territory (see territoryShell). */
interface Shell {
  card: AdaptiveCardJson;
  /** Where the place's lines go in the card's body: before the referents' introduction. */
  placeAt: number;
}

/**
 * Most of the card is the territory's (its name, list, region, the referents' blocks), the same for
 * every commune in it: that part is expanded once per territory's referent views (one frozen array
 * per territory and knowledge-base revision, so a change to a referent gives another array, and
 * the old parts go with the old arrays), language and what else the key holds. Only the place's
 * lines (territory-place.json) are expanded per answer: a town not asked about recently cost a
 * whole card's expansion, the largest part of such a lookup.
 */
const shells = new WeakMap<readonly ReferentView[], Map<string, Shell>>();

function territoryShell(data: TerritoryCardData, locale: Lang, allowContact: boolean): Shell {
  const territory = data.territory;
  const region = territory?.region ?? data.region ?? '';
  const wave = territory?.wave ?? data.wave;
  if (!Object.isFrozen(data.referents)) return expandShell(data, locale, allowContact, region, wave);
  let kept = shells.get(data.referents);
  if (!kept) shells.set(data.referents, (kept = new Map()));
  // Everything the shell shows besides the referents (whose array is the map's key).
  const key = `${locale}\u0000${allowContact}\u0000${wave}\u0000${region}\u0000${territory ? territory.name : '\u0000'}`;
  let shell = kept.get(key);
  if (!shell) kept.set(key, (shell = deepFreeze(expandShell(data, locale, allowContact, region, wave))));
  return shell;
}

function expandShell(data: TerritoryCardData, locale: Lang, allowContact: boolean, region: string, wave: number): Shell {
  const s = messages(locale).card;
  const territory = data.territory;
  const subtitle = [waveLabel(wave, locale)];
  if (region) subtitle.push(s.region(escapeMarkdown(region)));
  const intro = territory ? s.referentsIntro(data.referents.filter((r) => r.kind === 'named').length) : s.outsideHelp;
  const card = expandCard(template, {
    lang: locale,
    hasKicker: territory !== null,
    kicker: territory ? s.territoryKicker : '',
    title: territory ? escapeMarkdown(territory.name, 160) : s.outsideTitle,
    subtitle: subtitle.join(' · '),
    intro,
    operators: data.referents.map((r) => operatorBlock(r, locale, allowContact)),
    seeSchemes: plainText(s.seeSchemes),
    restart: plainText(s.restart),
  });
  // The template ends its body with the introduction, then one block per referent.
  const placeAt = card.body.length - 1 - data.referents.length;
  if ((card.body[placeAt] as { text?: unknown } | undefined)?.text !== intro)
    throw new Error('territory card template: the introduction is not where the place lines go');
  return { card, placeAt };
}

// Whether a part of a card holds a contact button, kept for the shared (frozen) blocks: every
// answer about a new commune copies its blocks' paths to their contact buttons, and only those.
const contactHeld = new WeakMap<object, boolean>();

/** Looks where withPlace looks: in arrays, and in an element's items and actions. */
function holdsContact(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const kept = contactHeld.get(node);
  if (kept !== undefined) return kept;
  const o = node as { type?: unknown; data?: { action?: unknown }; items?: unknown; actions?: unknown };
  const held = Array.isArray(node)
    ? node.some(holdsContact)
    : (o.type === 'Action.Submit' && o.data?.action === 'contact') || holdsContact(o.items) || holdsContact(o.actions);
  if (Object.isFrozen(node)) contactHeld.set(node, held);
  return held;
}

/**
 * The kept blocks' contact buttons with the commune the card is about (`place`), so that a button
 * clicked on an older card asks for that commune rather than the one shown last. The blocks are
 * shared: only the containers on the way to a contact button are copied.
 */
function withPlace(node: unknown, place: string): unknown {
  if (!holdsContact(node)) return node;
  if (Array.isArray(node)) {
    let copy: unknown[] | null = null;
    node.forEach((item, i) => {
      const changed = withPlace(item, place);
      if (changed !== item) (copy ??= [...node])[i] = changed;
    });
    return copy ?? node;
  }
  if (typeof node !== 'object' || node === null) return node;
  const o = node as { type?: unknown; data?: { action?: unknown }; items?: unknown; actions?: unknown };
  if (o.type === 'Action.Submit' && o.data?.action === 'contact') return { ...o, data: { ...o.data, place } };
  const items = o.items === undefined ? undefined : withPlace(o.items, place);
  const actions = o.actions === undefined ? undefined : withPlace(o.actions, place);
  if (items === o.items && actions === o.actions) return node;
  return { ...o, ...(items !== undefined ? { items } : {}), ...(actions !== undefined ? { actions } : {}) };
}

/** The territory card, or the "no territory" variant when `data.territory` is null. */
export function renderTerritoryCard(data: TerritoryCardData): AdaptiveCardJson {
  const locale = data.locale === 'en' ? 'en' : 'fr';
  const s = messages(locale).card;
  const outside = data.territory === null;
  const allowContact = data.allowContact ?? (!outside || data.commune !== null);
  const { card, placeAt } = territoryShell(data, locale, allowContact);
  const place = expandTemplate(placeTemplate, {
    fallbackText: joinMarkdownLines([...markdownLineList(territoryHeadText({ ...data, locale })), ...referentLines(data.referents, locale)], 1500),
    hasEstablishment: !!data.establishmentName,
    establishmentLine: data.establishmentName ? s.establishment(escapeMarkdown(data.establishmentName, 160)) : '',
    hasCommune: !outside && data.commune !== null,
    communeLine: data.commune ? s.commune(escapeMarkdown(data.commune.name), escapeMarkdown(data.commune.department)) : '',
    hasPartial: !outside && !!data.partial,
    partialLine: data.partial
      ? s.partly(
          escapeMarkdown(data.partial.name, 160),
          data.partial.communes.length,
          data.partial.total,
          escapeMarkdown(data.partial.communes.join(', '), 600),
        )
      : '',
    // The partial line already names the intercommunality.
    hasIntercommunality: !outside && !!data.intercommunality && !data.partial,
    intercommunalityLine: data.intercommunality ? s.intercommunality(escapeMarkdown(data.intercommunality.name, 160)) : '',
    hasDoor: hasProjectLead(data.territory) && !!data.intercommunality?.member,
    projectTeam: s.projectTeam,
    outside,
    outsideLine: outside
      ? s.outside(
          data.commune ? `${escapeMarkdown(data.commune.name)} (${escapeMarkdown(data.commune.department)})` : s.outsidePlaceUnknown,
          waveLabelInline(data.wave, locale),
        )
      : '',
    namesakes: (data.namesakes ?? []).map((c) => ({ title: plainText(c.label, 80), value: cleanLine(c.value, 200) })),
  }) as { fallbackText: string; body: unknown[]; actions: unknown[] };
  // The shell is shared (frozen): the card is a new object around its parts.
  const operators = card.body.slice(placeAt);
  const placeCode = allowContact ? data.commune?.code : undefined;
  return {
    ...card,
    fallbackText: place.fallbackText,
    body: [...card.body.slice(0, placeAt), ...place.body, ...(placeCode ? operators.map((n) => withPlace(n, placeCode)) : operators)],
    actions: [...place.actions, ...(card.actions ?? [])],
  };
}
