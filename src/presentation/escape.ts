/**
 * Neutralising text before it goes into an Adaptive Card.
 *
 * TextBlock text is Markdown in both hosts: Web Chat renders it with markdown-it (HTML enabled,
 * linkify on) then sanitize-html, which still lets `<img src>` and links through; Teams renders its
 * own subset (bold, italic, lists, links). So any string that comes from a user or from data is
 * escaped with CommonMark backslash escapes, which both hosts honour on desktop and web. Some older
 * Teams mobile builds showed the backslashes instead of hiding them: ugly but harmless, never a link.
 *
 * Action titles and fallback text are not Markdown: they only get `plainText`.
 */
import { cleanLine } from '../domain/text';

export { cleanLine };

// `\` first so the escapes added below are not escaped again (single pass anyway, but explicit).
// `$`, `{` and `}` keep `${...}` from ever appearing in a card: adaptivecards-templating does not
// re-expand data values, but a later templating pass (or a host that templates) would.
// `(` `)` also break `{{DATE(...)}}` / `{{TIME(...)}}`, which the renderers substitute before Markdown.
const MARKDOWN_SPECIAL = /[\\`*_[\]()#<>~|${}]/g;
// An entity would be decoded to a different character than the one typed ("&lt;" shown as "<").
const ENTITY = /&(?=#|[A-Za-z][A-Za-z0-9]{0,31};)/g;

/**
 * Escapes text for an Adaptive Card TextBlock (or FactSet value) so that it renders literally:
 * no emphasis, link, image, autolink, HTML tag, list, heading, quote, code or table.
 */
export function escapeMarkdown(text: unknown, maxLength = 0): string {
  const line = cleanLine(text, maxLength);
  const escaped = line.replace(MARKDOWN_SPECIAL, '\\$&').replace(ENTITY, '\\&');
  // Block markers only count at the start of a line, and each field is one line. A leading
  // `-`/`+` is escaped even without a following space: "---" alone is a thematic break.
  return BLOCK_START.test(escaped)
    ? escaped
        .replace(/^([-+])/, '\\$1')
        .replace(/^(\d{1,9})([.)])/, '$1\\$2')
        .replace(/^=/, '\\=')
    : escaped;
}

// The first characters of the block markers escaped above (a list item, an ordered item, a heading underline).
const BLOCK_START = /^[-+=\d]/;

/**
 * Text for places that are not Markdown (button titles, fallbackText, plain-text messages):
 * controls removed, and `${` broken with a zero-width space so no templating pass can read it.
 */
export function plainText(text: unknown, maxLength = 0): string {
  return cleanLine(text, maxLength).replace(/\$\{/g, '$\u200b{');
}

// Only a string with surrogate pairs has fewer code points than UTF-16 units.
const SURROGATE = /[\ud800-\udfff]/;

/** One line of markdownLines: cleaned, its length in code points, and escaped once asked for (or beforehand, for lines kept). */
export interface MarkdownLine {
  readonly clean: string;
  readonly length: number;
  escaped?: string;
}

/** The lines of a text as markdownLines reads them; `escaped` filled when they are kept for many cards. */
export function markdownLineList(text: string, escaped = false): MarkdownLine[] {
  const lines: MarkdownLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const clean = cleanLine(raw);
    if (!clean) continue;
    const line: MarkdownLine = { clean, length: SURROGATE.test(clean) ? [...clean].length : clean.length };
    if (escaped) line.escaped = escapeMarkdown(clean);
    lines.push(line);
  }
  return lines;
}

/**
 * Several lines of text for a Markdown field that is not a TextBlock (the card's `fallbackText`,
 * which the schema says "may contain markdown"): each line escaped, one paragraph per line.
 */
export function markdownLines(text: string, maxLength = 0): string {
  return joinMarkdownLines(markdownLineList(text), maxLength);
}

/** markdownLines of lines read beforehand (markdownLineList): the line that does not fit is shortened, the rest left out. */
export function joinMarkdownLines(lines: readonly MarkdownLine[], maxLength = 0): string {
  let budget = maxLength > 0 ? maxLength : Infinity;
  const kept: string[] = [];
  for (const line of lines) {
    if (line.length > budget) {
      if (budget > 1) kept.push(escapeMarkdown(cleanLine(line.clean, budget)));
      break;
    }
    kept.push(line.escaped ?? escapeMarkdown(line.clean));
    budget -= line.length;
  }
  return kept.join('\n\n');
}

/** An http(s) URL without credentials, normalised; anything else (javascript:, data:, junk) gives null. */
export function safeHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** `tel:` URL for a published phone number ("0 969 370 240", "3995", "+33 5 55 00 00 00"), or null. */
export function telUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || !/^[+0-9 ().\-\u00a0]{3,40}$/.test(raw.trim())) return null;
  const compact = raw.replace(/\(0\)/g, '').replace(/[^+0-9]/g, '');
  if (!/^\+?[0-9]{3,20}$/.test(compact)) return null;
  return `tel:${compact}`;
}

const EMAIL =
  /^[A-Za-z0-9.!#%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

/** `mailto:` URL for an address that looks like one, or null (never a mailto with extra headers). */
export function mailtoUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim();
  if (email.length > 254 || !EMAIL.test(email)) return null;
  return `mailto:${encodeURI(email).replace(/[?#&]/g, encodeURIComponent)}`;
}

/**
 * A Markdown link built by us from trusted parts: the label is escaped, the target must be an
 * http(s), tel: or mailto: URL produced by the helpers above. Parentheses and spaces in the target
 * are percent-encoded so the link cannot end early. Returns the escaped label alone if the URL is refused.
 */
export function markdownLink(label: unknown, url: string | null): string {
  const text = escapeMarkdown(label);
  if (!url || !/^(https?:|tel:|mailto:)/.test(url)) return text;
  // encodeURIComponent leaves ( and ) alone; they are exactly what would end the link early.
  const target = url
    .replace(/[()<>\s\\[\]]/g, (c) => (/[()]/.test(c) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(c)))
    // Markdown decodes entity references in a link target ("?a&ge;" would point at "?a≥"); an
    // encoded semicolon is no entity, and query parsers read %3B as ";".
    .replace(/(&(?:[A-Za-z][A-Za-z0-9]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}));/g, '$1%3B');
  return `[${text}](${target})`;
}
