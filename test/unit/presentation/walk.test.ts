import { readFileSync } from 'node:fs';
import { territoryRef } from '../../../src/domain/resolution/resolver';
import { renderTerritoryCard } from '../../../src/presentation/cards/territory';
import type { TerritoryCardData } from '../../../src/presentation/cards/data';
import { territoryText } from '../../../src/presentation/text';
import { realKnowledge } from '../../helpers/kb';

/**
 * Every territory of both lists, as a firm reads it (card and plain text): for each of the four
 * operators, a named referent from the knowledge base, or "Référent non encore désigné" and a
 * dated, reachable entry point; never a phone number or a link that the public sources do not give.
 */

const SOURCES = readFileSync('data/sources/operator-contacts.csv', 'utf8');
const REFERENTS = readFileSync('data/kb/referents.json', 'utf8');
const digits = (s: string) => s.replace(/\D/g, '');
const PUBLISHED = `${SOURCES}\n${REFERENTS}`;
// Every number as written in the sources ("0 969 370 240", "3995"), digits only.
const SOURCE_PHONES = new Set([...PUBLISHED.matchAll(/\+?\d[\d .]{2,16}\d/g)].map((m) => digits(m[0])));
// Cards show links normalized by the URL parser (a trailing slash added to a bare host).
const SOURCE_URLS = new Set([...PUBLISHED.matchAll(/https?:\/\/[^\s,"]+/g)].map((m) => new URL(m[0]).href));

function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('every territory × every operator, as a firm reads it', () => {
  // One list per test: each renders its territories' cards.
  it.each([
    [2019, 149],
    [2023, 183],
  ])('list %i: names the designated referent, or says "non encore désigné" with a dated entry point that has a phone or a link', async (wave, count) => {
    const { kb } = await realKnowledge();
    let walked = 0;
    const problems: string[] = [];
    for (const t of kb.territories(wave)) {
      const referents = kb.referents(t);
      const data: TerritoryCardData = { locale: 'fr', wave, territory: territoryRef(t), commune: null, referents };
      const lines = territoryText(data).split('\n');
      const card = renderTerritoryCard(data);
      const texts = cardTexts(card);
      for (const ref of referents) {
        walked++;
        const at = `${wave}/${t.id}/${ref.operator}`;
        if (ref.kind === 'named') {
          if (!lines.some((l) => l.startsWith(`- ${ref.operatorName} : ${ref.name}`))) problems.push(`${at}: named referent not shown`);
          continue;
        }
        const head = lines.indexOf(`- ${ref.operatorName} : Référent non encore désigné.`);
        const first = lines[head + 1] ?? '';
        const entry = ref.entryPoints[0];
        if (head < 0 || !entry) {
          problems.push(`${at}: no "non encore désigné" line or no entry point`);
          continue;
        }
        // Dated: an ISO date or an estimated year, never "source non datée" for the first contact.
        if (!/\(source (vers )?\d/.test(first)) problems.push(`${at}: first entry point undated: ${first}`);
        if (!((entry.phone && first.includes(entry.phone)) || (entry.url && first.includes(entry.url))))
          problems.push(`${at}: first entry point without its phone or link: ${first}`);
        if (!texts.includes('Référent non encore désigné')) problems.push(`${at}: card lacks "Référent non encore désigné"`);
      }
      // Nothing on the card reaches anyone the sources do not name.
      const shown = JSON.stringify(card);
      for (const [, tel] of shown.matchAll(/tel:([+\d]+)/g))
        if (!SOURCE_PHONES.has(digits(tel!))) problems.push(`${wave}/${t.id}: phone ${tel} is in no source`);
      for (const [, url] of shown.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g))
        if (!SOURCE_URLS.has(new URL(url!).href)) problems.push(`${wave}/${t.id}: link ${url} is in no source`);
    }
    expect(problems).toEqual([]);
    expect(walked).toBe(count * 4);
  });
});
