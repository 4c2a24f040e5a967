/**
 * Builds data/kb/{territories,operators,referents}.json from the gathered public sources in
 * data/sources (see its README). Existing named referents are kept: rebuilding the lists must never erase
 * what administrators entered.
 *
 *   npm run kb:build [-- --source data/sources --out data/kb]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadGeography } from '../src/domain/geography';
import type { OperatorsDoc, ReferentsDoc, TerritoriesDoc } from '../src/domain/knowledge-base';
import { KB_FILES, validateKnowledge } from '../src/domain/knowledge-base';
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

function main(): void {
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
  const { entryPoints, errors: epErrors } = entryPointsFromCsv(read('operator-contacts.csv'));
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
  const kept = new Map((previous?.slots ?? []).filter((s) => s.referent).map((s) => [`${s.wave}/${s.territoryId}/${s.operator}`, s]));
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
      sources: ['data/sources/operator-contacts.csv (see operator-contacts-SOURCES.md)'],
      notes: ['sourceDate is the date of the source, not of a check: offices move.'],
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
  writeFileSync(path.join(outDir, KB_FILES.territories), `${JSON.stringify(territoriesDoc, null, 1)}\n`);
  writeFileSync(path.join(outDir, KB_FILES.operators), `${JSON.stringify(operatorsDoc, null, 1)}\n`);
  writeFileSync(referentsFile, `${JSON.stringify(referentsDoc, null, 1)}\n`);
  const count = (w: number) => territories.filter((t) => t.wave === w).length;
  console.log(`Wrote ${outDir}: ${count(2019)} territories (2019), ${count(2023)} (2023), ${entryPoints.length} entry points, ${slots.length} referent slots.`);
}

main();
