/**
 * Builds data/kb/{territories,operators,referents}.json from the gathered public sources in
 * data/sources (see its README), with the entry points read through data/curation (clean names and
 * dates shown to firms, certainty from the research notes). Existing named referents are kept:
 * rebuilding the lists must never erase what administrators entered.
 *
 *   npm run kb:build [-- --source data/sources --curation data/curation --out data/kb]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadGeography } from '../src/infrastructure/geography';
import type { OperatorsDoc, ReferentsDoc, TerritoriesDoc } from '../src/domain/knowledge-base';
import { validateKnowledge } from '../src/domain/knowledge-base';
import { KB_FILES, openKnowledgeBase } from '../src/infrastructure/knowledge-base';
import { designatedSummary, entryPointCoverage } from '../src/domain/coverage';
import { entryPointsFromCsv, territoriesFromCsv } from '../src/domain/sources';
import type { Operator, OperatorId, ReferentSlot } from '../src/domain/types';
import { OPERATOR_IDS } from '../src/domain/types';

const OPERATOR_NAMES: Record<OperatorId, string> = {
  'banque-des-territoires': 'Banque des Territoires',
  bpifrance: 'Bpifrance',
  'business-france': 'Business France / Team France Export',
  'france-travail': 'France Travail',
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Writes a document unless only its build date would change, so an idle rebuild leaves no diff. */
function writeIfChanged(file: string, doc: { meta: { builtAt: string } }): void {
  const undated = (d: { meta: { builtAt: string } }) => JSON.stringify({ ...d, meta: { ...d.meta, builtAt: '' } });
  if (existsSync(file)) {
    const before = JSON.parse(readFileSync(file, 'utf8')) as { meta: { builtAt: string } };
    if (undated(before) === undated(doc)) return;
  }
  writeFileSync(file, `${JSON.stringify(doc, null, 1)}\n`);
}

async function main(): Promise<void> {
  const sourceDir = path.resolve(arg('source', 'data/sources'));
  const outDir = path.resolve(arg('out', 'data/kb'));
  const read = (file: string) => readFileSync(path.join(sourceDir, file), 'utf8');
  const geo = loadGeography();
  const builtAt = new Date().toISOString();

  const { territories, errors } = territoriesFromCsv(
    {
      main: read('territoires-industrie.csv'),
      territories: read('territoires-industrie-TERRITORIES.csv'),
      notes: read('territoires-industrie-EPCI-NOTES.csv'),
    },
    geo,
  );
  const curationDir = path.resolve(arg('curation', 'data/curation'));
  const { entryPoints, errors: epErrors } = entryPointsFromCsv(
    read('operator-contacts.csv'),
    readFileSync(path.join(curationDir, 'operator-contacts-display.csv'), 'utf8'),
  );
  const all = [...errors, ...epErrors];
  if (all.length > 0) {
    for (const e of all) console.error(`${e.file}:${e.line}: ${e.message}`);
    process.exit(1);
  }

  const operators: Operator[] = OPERATOR_IDS.map((id) => ({
    id,
    name: OPERATOR_NAMES[id],
    url: entryPoints.find((e) => e.operator === id && e.scope === 'national' && e.url)?.url ?? '',
  }));

  const referentsFile = path.join(outDir, KB_FILES.referents);
  const previous: ReferentsDoc | null = existsSync(referentsFile) ? (JSON.parse(readFileSync(referentsFile, 'utf8')) as ReferentsDoc) : null;
  // Every existing slot is kept as it is (its date too), so a rebuild changes only what changed.
  const kept = new Map((previous?.slots ?? []).map((s) => [`${s.wave}/${s.territoryId}/${s.operator}`, s]));
  const slots: ReferentSlot[] = territories.flatMap((t) =>
    OPERATOR_IDS.map(
      (operator) =>
        kept.get(`${t.wave}/${t.id}/${operator}`) ?? {
          territoryId: t.id,
          wave: t.wave,
          operator,
          referent: null,
          updatedAt: builtAt,
          updatedBy: 'kb:build',
        },
    ),
  );

  const territoriesDoc: TerritoriesDoc = {
    meta: {
      builtAt,
      sources: [...new Set(territories.map((t) => t.source))],
      notes: [
        'Built from data/sources/territoires-industrie*.csv; see territoires-industrie-SOURCES.md for provenance and known gaps.',
        'Wave 2019 is the first phase in its end-2022 state (149 territories); wave 2023 is the 2023-2027 list (183).',
      ],
    },
    territories,
  };
  const operatorsDoc: OperatorsDoc = {
    meta: {
      builtAt,
      sources: [
        'data/sources/operator-contacts.csv (see operator-contacts-SOURCES.md and operator-contacts-NOTES-2.md)',
        'data/curation/operator-contacts-display.csv (what is shown, and the certainty of each row)',
      ],
      notes: ['sourceDate is the date of the source, not of a check: offices move.', 'note holds the research note of each row; it is never shown to firms.'],
    },
    operators,
    entryPoints,
  };
  const referentsDoc: ReferentsDoc = {
    meta: {
      builtAt,
      sources: ['No operator has published its referents; slots stay empty until an administrator imports them.'],
    },
    slots,
  };

  const problems = validateKnowledge({ territories: territoriesDoc, operators: operatorsDoc, referents: referentsDoc }, geo);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  writeIfChanged(path.join(outDir, KB_FILES.territories), territoriesDoc);
  writeIfChanged(path.join(outDir, KB_FILES.operators), operatorsDoc);
  writeIfChanged(referentsFile, referentsDoc);
  const count = (w: number) => territories.filter((t) => t.wave === w).length;
  console.log(`Wrote ${outDir}: ${count(2019)} territories (2019), ${count(2023)} (2023), ${entryPoints.length} entry points, ${slots.length} referent slots.`);
  const kb = await openKnowledgeBase(outDir, geo);
  const c = entryPointCoverage(kb);
  const pct = (n: number, of: number) => `${Math.round((100 * n) / of)} %`;
  console.log(
    `Entry points: ${c.filled} of ${c.cells} region × operator cells filled, ${c.withPhoneOrLink} with a phone or a link, ${c.dated2022} dated 2022+, ${c.toCheck} only medium or low certainty.\n` +
      `First contact per territory and operator: ${c.firstContacts.withPhoneOrLink} of ${c.firstContacts.total} with a phone or a link, ${c.firstContacts.dated2022} (${pct(c.firstContacts.dated2022, c.firstContacts.total)}) dated 2022+.\n` +
      `Territories with a designated referent, per operator (${OPERATOR_IDS.join(', ')}): ${designatedSummary(c)}.`,
  );
}

void main();
