import type { LookupAnswer } from '../../domain/resolution/lookup';
import { hasProjectLead, type ReferentView } from '../../domain/types';
import { entryPointDetail } from '../../presentation/entry-points';
import { CLI, periodLabel, waveLabelInline } from '../../presentation/messages';

/**
 * Plain-text French rendering of a lookup answer for a terminal. Kept free of I/O so tests can
 * check what an advisor reads without spawning a process. The wording is in
 * src/presentation/messages.ts (CLI), with the wave labels every surface shares.
 */

export function matchedByLabel(matchedBy: string | undefined): string | null {
  if (!matchedBy) return null;
  return CLI.matchedBy[matchedBy] ?? matchedBy;
}

function companyLines(answer: LookupAnswer): string[] {
  const company = answer.company;
  switch (company?.status) {
    case 'found': {
      const details = [company.siret ? `SIRET ${company.siret}` : null, company.naf ? `NAF ${company.naf}` : null].filter(Boolean);
      return [CLI.establishment(company.name, details.join(', '))];
    }
    case 'invalid':
      return [CLI.siretInvalid];
    case 'not-found':
      return [CLI.siretNotFound];
    case 'unavailable':
      return [CLI.registerUnavailable];
    default:
      return [];
  }
}

export function formatReferent(r: ReferentView): string[] {
  if (r.kind === 'named') {
    const contact = [r.email, r.phone ? CLI.phone(r.phone) : undefined].filter(Boolean).join(' — ');
    return [CLI.named(r.operatorName, r.name, r.role, contact), CLI.namedSource(r.source, r.verifiedAt)];
  }
  return [
    CLI.notDesignated(r.operatorName, r.entryPoints.length),
    ...r.entryPoints.flatMap((e) => {
      const [what, source] = entryPointDetail(e);
      return [`    - ${what}`, `      ${source}`];
    }),
  ];
}

function candidateLine(c: LookupAnswer['candidates'][number], i: number): string {
  const code = c.commune ? ` — INSEE ${c.commune.code}` : '';
  const where = c.territory ? CLI.candidateIn(c.territory.name, c.territory.id) : CLI.candidateOutside;
  return `  ${i + 1}. ${c.label}${code} → ${where}`;
}

/** The answer as an advisor reads it in a terminal; ends without a trailing newline. */
export function formatAnswer(answer: LookupAnswer): string {
  const lines: string[] = [...companyLines(answer)];
  if (answer.inseeCodeOf) {
    const other = answer.inseeCodeOf;
    lines.push(CLI.alsoInseeCode(other.code, other.name, other.department));
  }
  const list = waveLabelInline(answer.wave, 'fr');

  if (answer.status === 'unknown' && answer.reason === 'department-only' && answer.departments?.length) {
    lines.push(CLI.departmentOnly(answer.query, answer.departments.join(', ')));
    if (answer.namesakes?.length) lines.push(CLI.namesakes, ...answer.namesakes.map((c, i) => candidateLine(c, i)));
    return lines.join('\n');
  }

  if (answer.status === 'unknown') {
    lines.push(CLI.notFound(answer.query, list), CLI.notFoundHint);
    return lines.join('\n');
  }

  if (answer.status === 'ambiguous') {
    lines.push(CLI.ambiguous(answer.query, list));
    answer.candidates.forEach((c, i) => lines.push(candidateLine(c, i)));
    if (answer.omittedCandidates) lines.push(CLI.omitted(answer.omittedCandidates));
    lines.push(CLI.ambiguousHint(answer.candidates.find((c) => c.commune)?.commune?.code));
    return lines.join('\n');
  }

  const how = matchedByLabel(answer.matchedBy);
  if (answer.territory) {
    lines.push(CLI.territory(answer.territory.name, answer.territory.id), CLI.list(periodLabel(answer.territory.wave)), CLI.region(answer.territory.region));
  } else {
    lines.push(CLI.noTerritory(list));
  }
  lines.push(
    answer.commune
      ? CLI.commune(answer.commune.name, answer.commune.code, answer.commune.department)
      : answer.matchedBy === 'postal-code'
        ? CLI.communeSharedPostalCode
        : CLI.communeNone,
  );
  if (answer.partial) {
    const { communes, total } = answer.partial;
    lines.push(CLI.partial(communes.length, total, communes.map((c) => c.name).join(', ')));
  }
  if (answer.intercommunality) {
    lines.push(CLI.intercommunality(answer.intercommunality.name, answer.intercommunality.kind));
    if (answer.intercommunality.member && hasProjectLead(answer.territory)) lines.push(CLI.projectLead);
  }
  if (how) lines.push(CLI.foundBy(how));
  lines.push('', answer.territory ? CLI.referents : CLI.entryPointsOutside, ...answer.referents.flatMap(formatReferent));
  return lines.join('\n');
}
