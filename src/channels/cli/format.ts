import type { LookupAnswer } from '../../domain/resolution/lookup';
import type { EntryPoint, ReferentView, Wave } from '../../domain/types';

/**
 * Plain-text French rendering of a lookup answer for a terminal. Kept free of I/O so tests can
 * check what an advisor reads without spawning a process.
 */

/** The period a wave covers, as the ANCT names its lists. */
export function periodLabel(wave: Wave): string {
  if (wave === 2023) return '2023-2027';
  if (wave === 2019) return '2019-2022';
  return String(wave);
}

export function waveLabel(wave: Wave): string {
  return `liste ${periodLabel(wave)}`;
}

const MATCHED_BY: Record<string, string> = {
  insee: 'code INSEE',
  'postal-code': 'code postal',
  commune: 'nom de commune',
  'former-commune': 'ancien nom de commune (commune fusionnée)',
  epci: 'nom d’intercommunalité',
  territory: 'nom du territoire',
  siret: 'SIRET de l’établissement',
};

export function matchedByLabel(matchedBy: string | undefined): string | null {
  if (!matchedBy) return null;
  return MATCHED_BY[matchedBy] ?? matchedBy;
}

function companyLines(answer: LookupAnswer): string[] {
  const company = answer.company;
  switch (company?.status) {
    case 'found': {
      const details = [company.siret ? `SIRET ${company.siret}` : null, company.naf ? `NAF ${company.naf}` : null].filter(Boolean);
      return [`Établissement : ${company.name}${details.length ? ` (${details.join(', ')})` : ''}`];
    }
    case 'invalid':
      return ['Ce numéro n’est pas un SIRET/SIREN valide (la clé de contrôle ne correspond pas).'];
    case 'not-found':
      return ['Aucun établissement trouvé avec ce numéro dans le répertoire des entreprises.'];
    case 'unavailable':
      return ['Le répertoire des entreprises ne répond pas pour l’instant ; indiquez plutôt la commune du site.'];
    default:
      return [];
  }
}

/** Two lines: how to reach the office, then where that fact comes from and how old it is. */
export function formatEntryPoint(e: EntryPoint): string[] {
  const where = e.address && e.city && e.address.includes(e.city) ? e.address : [e.address, e.city].filter(Boolean).join(', ');
  const parts = [e.officeName, where || null, e.phone ? `tél. ${e.phone}` : null, e.url ?? null].filter(Boolean);
  const scope = e.scope === 'national' ? 'national' : `régional (${e.regionName})`;
  return [parts.join(' — '), `${scope} · source datée ${e.sourceDate}${e.sourceIsLink ? ` : ${e.sourceUrl}` : ''}`];
}

export function formatReferent(r: ReferentView): string[] {
  if (r.kind === 'named') {
    const contact = [r.email, r.phone ? `tél. ${r.phone}` : undefined].filter(Boolean).join(' — ');
    return [
      `• ${r.operatorName} : ${r.name}${r.role ? `, ${r.role}` : ''}${contact ? ` — ${contact}` : ''}`,
      `    (source : ${r.source}, vérifié le ${r.verifiedAt})`,
    ];
  }
  return [
    `• ${r.operatorName} : Référent non encore désigné. Point${r.entryPoints.length > 1 ? 's' : ''} d’entrée :`,
    ...r.entryPoints.flatMap((e) => {
      const [what, source] = formatEntryPoint(e);
      return [`    - ${what}`, `      ${source}`];
    }),
  ];
}

/** The answer as an advisor reads it in a terminal; ends without a trailing newline. */
export function formatAnswer(answer: LookupAnswer): string {
  const lines: string[] = [...companyLines(answer)];
  if (answer.inseeCodeOf) {
    const other = answer.inseeCodeOf;
    lines.push(
      `(${other.code} est lu comme un code postal ; c'est aussi le code INSEE de ${other.name} (${other.department}) : npm run lookup -- "INSEE ${other.code}")`,
    );
  }
  const list = waveLabel(answer.wave);

  if (answer.status === 'unknown') {
    lines.push(
      `Aucun lieu trouvé pour « ${answer.query} » (${list}).`,
      'Essayez un nom de commune, un code postal (5 chiffres), un code INSEE ou un SIRET (14 chiffres).',
    );
    return lines.join('\n');
  }

  if (answer.status === 'ambiguous') {
    lines.push(`Plusieurs lieux correspondent à « ${answer.query} » et ne sont pas dans le même territoire (${list}) :`);
    answer.candidates.forEach((c, i) => {
      const code = c.commune ? ` — INSEE ${c.commune.code}` : '';
      const where = c.territory ? `Territoire d’industrie « ${c.territory.name} » (${c.territory.id})` : 'hors Territoire d’industrie';
      lines.push(`  ${i + 1}. ${c.label}${code} → ${where}`);
    });
    if (answer.omittedCandidates) lines.push(`  … et ${answer.omittedCandidates} autre(s), moins peuplé(s), non listé(s).`);
    const example = answer.candidates.find((c) => c.commune)?.commune?.code;
    lines.push(
      `Précisez le département ou le code postal${example ? `, ou relancez avec le code INSEE voulu (par exemple : npm run lookup -- ${example})` : ''}.`,
    );
    return lines.join('\n');
  }

  const how = matchedByLabel(answer.matchedBy);
  if (answer.territory) {
    lines.push(
      `Territoire d’industrie : ${answer.territory.name} (${answer.territory.id})`,
      `Liste : ${periodLabel(answer.territory.wave)}`,
      `Région : ${answer.territory.region}`,
    );
  } else {
    lines.push(`Territoire d’industrie : aucun dans la ${list}`);
  }
  lines.push(
    answer.commune
      ? `Commune : ${answer.commune.name} (INSEE ${answer.commune.code}, département ${answer.commune.department})`
      : answer.matchedBy === 'postal-code'
        ? 'Commune : plusieurs communes partagent ce code postal, toutes dans la même situation'
        : 'Commune : — (recherche par intercommunalité ou territoire)',
  );
  if (how) lines.push(`Trouvé par : ${how}`);
  lines.push(
    '',
    answer.territory
      ? 'Référents des 4 opérateurs :'
      : 'Les opérateurs restent joignables ; leurs points d’entrée (régional puis national) :',
    ...answer.referents.flatMap(formatReferent),
  );
  return lines.join('\n');
}

export const HELP = `Usage : npm run lookup -- [options] [requête]

Indique le Territoire d'industrie d'un lieu et les référents des 4 opérateurs
(Banque des Territoires, Bpifrance, Business France, France Travail).

  requête            une commune (même avec une faute), un code postal, un code INSEE,
                     un nom d'intercommunalité ou de territoire, ou une phrase
  --wave, -w ANNÉE   liste à utiliser : 2019 (2019-2022) ou 2023 (2023-2027) ;
                     par défaut DEFAULT_WAVE (2023)
  --json, -j         affiche le résultat au format JSON (le contrat de l'API)
  --help, -h         affiche cette aide

Sans requête, lit une requête par ligne sur l'entrée standard et écrit une ligne JSON
par requête, dans le même ordre. Une ligne vide donne une ligne JSON de statut
"unknown", pour que la ligne N de la sortie corresponde toujours à la ligne N de l'entrée.

Exemples :
  npm run lookup -- oyonax
  npm run lookup -- --wave 2019 --json "Saint-Étienne"
  npm run lookup < communes.txt > resultats.jsonl

Codes de sortie : 0 réponse donnée (y compris « aucun lieu trouvé »),
2 mauvaise utilisation, 1 échec (base de connaissances illisible, configuration invalide).

Usage (English): npm run lookup -- [--wave 2019|2023] [--json] [query]; no query reads
one query per line from stdin and prints one JSON line per query, in order.`;
