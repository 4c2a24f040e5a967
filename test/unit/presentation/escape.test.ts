import fc from 'fast-check';
import { cleanLine, escapeMarkdown, mailtoUrl, markdownLines, markdownLink, plainText, safeHttpUrl, telUrl } from '../../../src/presentation/escape';

/**
 * The Markdown engine Web Chat renders TextBlocks with (markdown-it, options as in
 * botframework-webchat/lib/markdown/renderMarkdown.js: HTML on, linkify on, typographer on).
 * Teams' renderer is not available offline; it supports a subset of the same CommonMark syntax.
 */
type MarkdownIt = { render(src: string): string };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no types; the one method used is declared above
const MarkdownItCtor = require('markdown-it') as new (options: object) => MarkdownIt;
const webChat = new MarkdownItCtor({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });
const strict = new MarkdownItCtor({ html: true, linkify: false, typographer: false });
const typographic = new MarkdownItCtor({ html: true, linkify: false, typographer: true, xhtmlOut: true });

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** The HTML of one escaped field: a single paragraph of text, or nothing. */
function paragraphText(html: string): string | null {
  if (html === '') return '';
  const m = /^<p>([^<]*)<\/p>\n$/.exec(html);
  return m ? decodeEntities(m[1]!) : null;
}

const MARKDOWN_ALPHABET = [
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '#',
  '`',
  '>',
  '<',
  '~',
  '|',
  '-',
  '+',
  '=',
  '!',
  '&',
  ';',
  '\\',
  '$',
  '{',
  '}',
  '1',
  '2',
  '.',
  ' ',
  '\n',
  '\t',
  '\r',
  'a',
  'b',
  'h',
  't',
  'p',
  's',
  ':',
  '/',
  'x',
  '#',
  '@',
  '"',
  "'",
  'img',
  'src=',
  'amp',
  'lt',
  'javascript:',
  'http://evil.test',
  '![',
  '](',
  '<a href=',
  '<img src=x onerror=alert(1)>',
  '```',
  '~~~',
  '---',
  '***',
  '    ',
  '&lt;',
  '&#60;',
  '&#x3C;',
  '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
  '${',
  '\u0000',
  '\u202e',
  '\u2028',
  'é',
  '😀',
];
const markdownish = fc.string({ unit: fc.constantFrom(...MARKDOWN_ALPHABET), maxLength: 40 });
const anyText = fc.oneof(markdownish, fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));

describe('escapeMarkdown', () => {
  test('the hostile name renders as its literal text, with no link, image, HTML or emphasis', () => {
    const hostile = '[clic](http://evil.test) <img src=x onerror=alert(1)> **gras**';
    const escaped = escapeMarkdown(hostile);
    expect(escaped).toBe('\\[clic\\]\\(http://evil.test\\) \\<img src=x onerror=alert\\(1\\)\\> \\*\\*gras\\*\\*');
    const html = webChat.render(escaped);
    expect(html).not.toMatch(/<img\b|<strong>|<em>/);
    // Web Chat's linkify still links the bare URL, shown as itself: "clic" is not a link.
    expect([...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([['http://evil.test', 'http://evil.test']]);
    expect(paragraphText(strict.render(escaped))).toBe(hostile);
  });

  test('property: an escaped field renders (Web Chat options) as one paragraph of text, without any tag', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeMarkdown(text);
        // linkify is off here: a bare URL typed by a user is shown as itself (see the next test).
        const html = strict.render(escaped);
        expect(paragraphText(html)).not.toBeNull();
        const typographed = typographic.render(escaped);
        expect(typographed).toMatch(/^(<p>[^<]*<\/p>\n)?$/);
      }),
      { numRuns: 3000 },
    );
  });

  test('property: escaping loses nothing: the rendered text is the cleaned input, character for character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(paragraphText(strict.render(escapeMarkdown(text)))).toBe(cleanLine(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('property: no `${` survives, and no raw control or bidi override character', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeMarkdown(text);
        expect(escaped).not.toContain('${');
        expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(plainText(text)).not.toContain('${');
      }),
      { numRuns: 2000 },
    );
  });

  test('Markdown links and images built from escaped text are impossible; a bare URL stays visible as itself', () => {
    const html = webChat.render(escapeMarkdown('voir http://evil.test/x'));
    // linkify turns a bare URL into a link whose text is the URL itself: not a disguised link.
    const links = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)];
    for (const [, href, label] of links) expect(href).toBe(label);
    expect(webChat.render(escapeMarkdown('![x](http://evil.test/pixel.png)'))).not.toContain('<img');
  });

  test('block syntax at the start of a field stays text', () => {
    for (const input of ['# titre', '- item', '+ item', '1. premier', '12) douze', '> citation', '---', '***', '```js', '    code', '| a | b |', '=== x']) {
      const html = strict.render(escapeMarkdown(input));
      expect(html).toBe(`<p>${input.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>\n`);
    }
  });

  test('entities are shown as typed, not decoded', () => {
    expect(paragraphText(strict.render(escapeMarkdown('R&D &lt;b&gt; &#60;i&#62;')))).toBe('R&D &lt;b&gt; &#60;i&#62;');
  });

  test('line breaks and tabs become single spaces; maxLength cuts before escaping', () => {
    expect(escapeMarkdown('a\nb\r\n\tc')).toBe('a b c');
    expect(escapeMarkdown('*'.repeat(20), 5)).toBe('\\*\\*\\*\\*…');
    expect(escapeMarkdown(null)).toBe('');
    expect(escapeMarkdown(undefined)).toBe('');
  });

  test('markdownLines keeps one paragraph per line, each escaped', () => {
    const md = markdownLines('ligne *1*\n\n[ligne](2)\n');
    expect(md).toBe('ligne \\*1\\*\n\n\\[ligne\\]\\(2\\)');
    expect(strict.render(md)).toBe('<p>ligne *1*</p>\n<p>[ligne](2)</p>\n');
  });
});

describe('links built by the cards', () => {
  test('property: markdownLink yields exactly one link to the given URL, with the label as text', () => {
    fc.assert(
      fc.property(anyText, fc.webUrl({ withQueryParameters: true, withFragments: true }), (label, raw) => {
        const url = safeHttpUrl(raw);
        fc.pre(url !== null && cleanLine(label) !== '');
        const html = strict.render(markdownLink(label, url));
        const links = [...html.matchAll(/<a href="([^"]*)">/g)];
        expect(links).toHaveLength(1);
        expect(html).not.toMatch(/<img\b|<strong>|<em>/);
        // markdown-it re-normalises percent-encoding, and markdownLink encodes the ";" of anything
        // that looks like an entity; what matters is that it points at the same URL once decoded.
        expect(decodeURIComponent(decodeEntities(links[0]![1]!))).toBe(decodeURIComponent(url!));
      }),
      { numRuns: 1000 },
    );
  });

  test.each(['https://example.test/?a=1&ge;', 'https://example.test/?x&copy;y=2', 'https://example.test/?n=&#38;', 'https://example.test/#&#x26;'])(
    'a target containing an entity-like sequence keeps it as written: %s',
    (url) => {
      const href = /<a href="([^"]*)">/.exec(strict.render(markdownLink('site', safeHttpUrl(url))))![1]!;
      expect(decodeURIComponent(decodeEntities(href))).toBe(url);
    },
  );

  test('unsafe targets are refused and the label is shown as text', () => {
    expect(markdownLink('clic', 'javascript:alert(1)')).toBe('clic');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHttpUrl('https://user:pw@example.test/')).toBeNull();
    expect(safeHttpUrl('https://example.test/a b(c)')).toBe('https://example.test/a%20b(c)');
    expect(markdownLink('site', 'https://example.test/a(b)c')).toBe('[site](https://example.test/a%28b%29c)');
    expect(strict.render(markdownLink('site', 'https://example.test/a(b)c) [x](http://evil.test'))).toMatch(/^<p><a href="[^"]*">site<\/a><\/p>\n$/);
  });

  test('tel: and mailto: URLs only from plausible numbers and addresses', () => {
    expect(telUrl('0 969 370 240')).toBe('tel:0969370240');
    expect(telUrl('+33 (0)1 99 00 00 02')).toBe('tel:+33199000002');
    expect(telUrl('3999')).toBe('tel:3999');
    expect(telUrl('01 99 00 00 02; evil')).toBeNull();
    expect(telUrl('12')).toBeNull();
    expect(mailtoUrl('camille.exemple@example.test')).toBe('mailto:camille.exemple@example.test');
    expect(mailtoUrl('a@example.test?bcc=x@evil.test')).toBeNull();
    expect(mailtoUrl('a b@example.test')).toBeNull();
    expect(mailtoUrl('not-an-email')).toBeNull();
  });
});

describe('cleanLine', () => {
  // The four passes it ran on every string; it now skips them when a string has nothing they change.
  const fourPasses = (text: string) =>
    text
      .replace(/[\t\n\r\u000b\u000c\u0085\u2028\u2029]/g, ' ')
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  const spacing = fc.string({
    unit: fc.constantFrom(' ', 'a', '\u00a0', '\u2009', '\u3000', '\u0085', '\u200e', '\ufeff', '\t', '\n', '\u0007'),
    maxLength: 12,
  });

  test('property: the same line as the four passes, with or without anything to clean', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, spacing), (text) => {
        expect(cleanLine(text)).toBe(fourPasses(text));
      }),
      { numRuns: 5000 },
    );
    // Every character of the Basic Multilingual Plane, inside a line, at its ends and doubled.
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      for (const text of [`a${c}b`, `${c}a`, `a${c}`, `a${c}${c}b`, `a ${c}b`]) if (cleanLine(text) !== fourPasses(text)) differ.push(text);
    }
    expect(differ).toEqual([]);
  });
});
