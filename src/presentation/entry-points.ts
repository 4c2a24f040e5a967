import type { EntryPoint } from '../domain/types';
import { cleanLine, escapeMarkdown, markdownLink, safeHttpUrl, telUrl } from './escape';
import type { Lang } from './lang';
import { CLI, formatSourceDate, labelled, messages } from './messages';

/**
 * Every way an operator's entry point is shown, in one place: plain text (messages and the cards'
 * text versions), Markdown (cards) and the advisor's detailed lines (command line). Each says
 * what the entry point is and when it was reported, then how to reach it.
 */

/**
 * "Bureau régional signalé en dernier à Lyon (source 2013, à vérifier)": what the entry point is,
 * the date of its source ("vers 2018" when estimated) and "à vérifier" when the research gives it
 * as medium or low certainty. `format` prepares the data values for the target.
 */
function entryPointHead(entry: EntryPoint, lang: Lang, format: (value: string) => string): string {
  const s = messages(lang).card;
  const date = entry.sourceDate.trim();
  const dated = !date
    ? s.sourceUndated
    : entry.sourceDateApprox
      ? s.sourceApprox(format(date.slice(0, 4)))
      : s.sourceDated(format(formatSourceDate(date, lang)));
  const source = entry.certainty === 'high' ? dated : s.toCheck(dated);
  if (entry.scope !== 'regional') return s.nationalEntry(source);
  return entry.city ? s.regionalOffice(format(entry.city), source) : s.regionalOfficeNoCity(source);
}

export function entryPointText(entry: EntryPoint, lang: Lang): string {
  const s = messages(lang).card;
  const parts = [
    labelled(
      lang,
      entryPointHead(entry, lang, (v) => cleanLine(v)),
      cleanLine(entry.officeName, 160),
    ),
  ];
  if (entry.phone) parts.push(`${s.phone} ${cleanLine(entry.phone)}`);
  if (entry.url) parts.push(cleanLine(entry.url));
  return parts.join(' · ');
}

/** For a card TextBlock: the phone number and the site as links. */
export function entryPointMarkdown(entry: EntryPoint, lang: Lang): string {
  const s = messages(lang).card;
  const parts = [
    labelled(
      lang,
      entryPointHead(entry, lang, (v) => escapeMarkdown(v)),
      escapeMarkdown(entry.officeName, 160),
    ),
  ];
  if (entry.phone) parts.push(`${s.phone} ${markdownLink(entry.phone, telUrl(entry.phone))}`);
  const site = safeHttpUrl(entry.url);
  if (site) parts.push(markdownLink(s.website, site));
  return parts.join(' · ');
}

/** The advisor's two lines (French): how to reach the office, then where that fact comes from and how old it is. */
export function entryPointDetail(e: EntryPoint): string[] {
  const where = e.address && e.city && e.address.includes(e.city) ? e.address : [e.address, e.city].filter(Boolean).join(', ');
  const parts = [e.officeName, where || null, e.phone ? CLI.phone(e.phone) : null, e.url ?? null].filter(Boolean);
  const scope = e.scope === 'national' ? CLI.scopeNational : CLI.scopeRegional(e.regionName);
  return [parts.join(' — '), CLI.source(scope, e.sourceDate, e.sourceIsLink ? e.sourceUrl : null)];
}
