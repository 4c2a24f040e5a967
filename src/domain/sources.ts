import { parse } from 'csv-parse/sync';
import type { Geography } from './geography';
import type { EntryPoint, OperatorId, Territory, TerritoryMember, Wave } from './types';
import { OPERATOR_IDS } from './types';

/**
 * Turns the official lists (ANCT territory CSVs, operator entry points) into knowledge-base
 * records. Used by the build script and by the administrators' import, so both apply the same
 * checks: a member that does not exist in the geography is an error, never a guess.
 */

export interface LineError {
  file: string;
  line: number;
  message: string;
}

type Row = Record<string, string>;

function rows(text: string): Array<{ line: number; row: Row }> {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }) as Array<{
    record: Row;
    info: { lines: number };
  }>;
  return records.map((r) => ({ line: r.info.lines, row: r.record }));
}

function requireColumns(file: string, text: string, columns: string[], errors: LineError[]): boolean {
  const header = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(',').map((c) => c.trim());
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0) errors.push({ file, line: 1, message: `missing column(s): ${missing.join(', ')}` });
  return missing.length === 0;
}

export interface TerritoryCsvInput {
  /** One row per (territory, EPCI): territory_id,territory_name,region_code,region_name,epci_siren,epci_name,wave,source_url */
  main: string;
  /** Optional: one row per territory, so territories without any EPCI member still exist. */
  territories?: string;
  /** Optional: members that are EPTs or single communes (status EPT-not-EPCI / commune-member). */
  notes?: string;
}

const ID_PATTERN = /^ti-\d{4}$/;

export function territoriesFromCsv(
  input: TerritoryCsvInput,
  geo: Geography,
): { territories: Territory[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const byKey = new Map<string, Territory>();
  const key = (wave: Wave, id: string) => `${wave}/${id}`;

  const territoryFrom = (file: string, line: number, row: Row): Territory | null => {
    const id = row.territory_id ?? '';
    const wave = Number(row.wave);
    const name = (row.territory_name ?? '').replace(/\u00a0/g, ' ').trim();
    if (!ID_PATTERN.test(id)) errors.push({ file, line, message: `territory_id "${id}" is not of the form ti-RRNN` });
    if (!Number.isInteger(wave) || wave < 2000 || wave > 2100) errors.push({ file, line, message: `wave "${row.wave}" is not a year` });
    if (!name) errors.push({ file, line, message: 'territory_name is empty' });
    const regionCode = row.region_code ?? '';
    if (!geo.regions.has(regionCode)) errors.push({ file, line, message: `unknown region_code "${regionCode}"` });
    const source = row.source_url ?? '';
    if (!/^https?:\/\//.test(source)) errors.push({ file, line, message: 'source_url must be an http(s) URL' });
    if (!ID_PATTERN.test(id) || !Number.isInteger(wave) || !name) return null;
    const existing = byKey.get(key(wave, id));
    if (existing) {
      if (existing.name !== name) errors.push({ file, line, message: `${id} (${wave}) has two names: "${existing.name}" and "${name}"` });
      return existing;
    }
    const territory: Territory = {
      id,
      wave,
      name,
      regionCode,
      regionName: geo.regions.get(regionCode)?.name ?? row.region_name ?? '',
      members: [],
      source,
    };
    byKey.set(key(wave, id), territory);
    return territory;
  };

  const addMember = (file: string, line: number, territory: Territory, member: TerritoryMember) => {
    if (territory.members.some((m) => m.kind === member.kind && m.code === member.code)) {
      errors.push({ file, line, message: `${member.kind} ${member.code} listed twice in ${territory.id} (${territory.wave})` });
      return;
    }
    territory.members.push(member);
  };

  if (requireColumns('main', input.main, ['territory_id', 'territory_name', 'region_code', 'epci_siren', 'wave', 'source_url'], errors)) {
    for (const { line, row } of rows(input.main)) {
      const territory = territoryFrom('main', line, row);
      const siren = row.epci_siren ?? '';
      const epci = geo.groupings.get(siren);
      if (!epci || epci.kind !== 'epci') {
        errors.push({ file: 'main', line, message: `epci_siren "${siren}" is not a current EPCI` });
        continue;
      }
      if (territory) addMember('main', line, territory, { kind: 'epci', code: siren, name: epci.name });
    }
  }

  if (input.territories && requireColumns('territories', input.territories, ['wave', 'territory_id', 'territory_name', 'region_code', 'source_url'], errors)) {
    for (const { line, row } of rows(input.territories)) territoryFrom('territories', line, row);
  }

  if (input.notes && requireColumns('notes', input.notes, ['wave', 'territory_id', 'territory_name', 'siren', 'status'], errors)) {
    for (const { line, row } of rows(input.notes)) {
      const status = row.status ?? '';
      if (status !== 'EPT-not-EPCI' && status !== 'commune-member') continue;
      const territory = byKey.get(key(Number(row.wave), row.territory_id ?? ''));
      if (!territory) {
        errors.push({ file: 'notes', line, message: `${row.territory_id} (${row.wave}) is not in the territory list` });
        continue;
      }
      const siren = row.siren ?? '';
      if (status === 'EPT-not-EPCI') {
        const ept = geo.groupings.get(siren);
        if (!ept || ept.kind !== 'ept') errors.push({ file: 'notes', line, message: `siren "${siren}" is not a current EPT` });
        else addMember('notes', line, territory, { kind: 'ept', code: siren, name: ept.name });
      } else {
        const commune = geo.bySiren.get(siren);
        if (!commune) errors.push({ file: 'notes', line, message: `siren "${siren}" is not a current commune` });
        else addMember('notes', line, territory, { kind: 'commune', code: commune.code, name: commune.name });
      }
    }
  }

  const territories = [...byKey.values()].sort((a, b) => a.wave - b.wave || a.id.localeCompare(b.id));
  for (const t of territories) {
    if (t.members.length === 0) errors.push({ file: 'main', line: 0, message: `${t.id} (${t.wave}) has no member` });
  }
  return { territories, errors };
}

const OPERATOR_COLUMNS = ['operator', 'region_code', 'region_name', 'office_name', 'city', 'address', 'phone', 'url', 'source_url', 'source_date'];

export function entryPointsFromCsv(text: string): { entryPoints: EntryPoint[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const entryPoints: EntryPoint[] = [];
  if (!requireColumns('operators', text, OPERATOR_COLUMNS, errors)) return { entryPoints, errors };
  for (const { line, row } of rows(text)) {
    const operator = row.operator as OperatorId;
    if (!OPERATOR_IDS.includes(operator)) {
      errors.push({ file: 'operators', line, message: `unknown operator "${row.operator}"` });
      continue;
    }
    if (!row.source_url) errors.push({ file: 'operators', line, message: 'source_url is empty' });
    const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
    const regionCode = row.region_code ?? '';
    entryPoints.push({
      operator,
      scope: regionCode === '00' ? 'national' : 'regional',
      regionCode,
      regionName: row.region_name ?? '',
      officeName: row.office_name ?? '',
      city: optional(row.city),
      address: optional(row.address),
      phone: optional(row.phone),
      url: optional(row.url),
      sourceUrl: row.source_url ?? '',
      sourceIsLink: /^https?:\/\//.test(row.source_url ?? ''),
      sourceDate: row.source_date ?? '',
    });
  }
  return { entryPoints, errors };
}
