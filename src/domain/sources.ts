import { parse } from 'csv-parse/sync';
import type { Geography } from './geography';
import type { EntryPoint, EntryPointCertainty, OperatorId, Territory, TerritoryMember, Wave } from './types';
import { ENTRY_POINT_CERTAINTIES, OPERATOR_IDS } from './types';

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

export function territoriesFromCsv(input: TerritoryCsvInput, geo: Geography): { territories: Territory[]; errors: LineError[] } {
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
const DISPLAY_COLUMNS = ['operator', 'region_code', 'source_url', 'office', 'city', 'address', 'date', 'date_approx', 'certainty', 'basis'];
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Words and signs that belong to a research note, not to what a firm reads: "(now France
 * Travail)", "source undated", "c. 2008-2009", "no street number in source"...
 */
const RESEARCH_NOTE = /[()[\];]|\b(?:now|source|undated|c\.|before|era|no street|public-code-file|voir notes|notes|déduite?|à l'époque|selon d'autres|ex-)/iu;

/** The research-note markers a displayed field holds (empty when it is clean). */
export function researchNoteIn(text: string | undefined): string | null {
  const m = text ? RESEARCH_NOTE.exec(text) : null;
  return m ? m[0] : null;
}

const displayKey = (row: Row) => `${row.operator ?? ''}|${row.region_code ?? ''}|${row.source_url ?? ''}`;

/**
 * The operators' entry points: each row of the research file (`operator-contacts.csv`, copied
 * as published) joined with its reading in `display` (data/curation): the clean office name,
 * city and address shown to firms, the ISO date and the certainty the research notes give. A
 * research row without its reading (a new research pass) is an error, so nothing raw is shown.
 */
export function entryPointsFromCsv(text: string, display: string): { entryPoints: EntryPoint[]; errors: LineError[] } {
  const errors: LineError[] = [];
  const entryPoints: EntryPoint[] = [];
  if (!requireColumns('operators', text, OPERATOR_COLUMNS, errors) || !requireColumns('display', display, DISPLAY_COLUMNS, errors)) {
    return { entryPoints, errors };
  }
  const readings = new Map<string, { line: number; row: Row; used: boolean }>();
  for (const { line, row } of rows(display)) {
    const key = displayKey(row);
    if (readings.has(key)) errors.push({ file: 'display', line, message: `two readings for ${key}` });
    readings.set(key, { line, row, used: false });
  }
  const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  for (const { line, row } of rows(text)) {
    const operator = row.operator as OperatorId;
    if (!OPERATOR_IDS.includes(operator)) {
      errors.push({ file: 'operators', line, message: `unknown operator "${row.operator}"` });
      continue;
    }
    const sourceUrl = row.source_url ?? '';
    if (!sourceUrl) errors.push({ file: 'operators', line, message: 'source_url is empty' });
    const reading = readings.get(displayKey(row));
    if (!reading) {
      errors.push({ file: 'operators', line, message: `no reading in the display file for ${operator} ${row.region_code} (${sourceUrl.slice(0, 60)})` });
      continue;
    }
    reading.used = true;
    const d = reading.row;
    const fail = (message: string) => errors.push({ file: 'display', line: reading.line, message });
    const date = (d.date ?? '').trim();
    if (date && !ISO_DATE.test(date)) fail(`date "${date}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
    const certainty = d.certainty as EntryPointCertainty;
    if (!ENTRY_POINT_CERTAINTIES.includes(certainty)) fail(`certainty "${d.certainty}" is not high, medium or low`);
    if (!optional(d.basis)) fail('basis is empty: say which note gives the certainty');
    const url = optional(row.url);
    if (url && !/^https?:\/\/\S+$/.test(url)) errors.push({ file: 'operators', line, message: `url "${url}" is not an http(s) address` });
    const shown = { officeName: optional(d.office), city: optional(d.city), address: optional(d.address) };
    if (!shown.officeName) fail('office is empty');
    for (const [field, value] of Object.entries(shown)) {
      const note = researchNoteIn(value);
      if (note) fail(`${field} "${value}" holds a research note ("${note}")`);
    }
    // The reading cleans what the research found; it never adds a city or an address of its own.
    if (shown.city && !optional(row.city)) fail('city is set but the research row has none');
    if (shown.address && !optional(row.address)) fail('address is set but the research row has none');
    const regionCode = row.region_code ?? '';
    entryPoints.push({
      operator,
      scope: regionCode === '00' ? 'national' : 'regional',
      regionCode,
      regionName: row.region_name ?? '',
      officeName: shown.officeName ?? '',
      ...(shown.city ? { city: shown.city } : {}),
      ...(shown.address ? { address: shown.address } : {}),
      ...(optional(row.phone) ? { phone: optional(row.phone) } : {}),
      ...(url ? { url } : {}),
      sourceUrl,
      sourceIsLink: /^https?:\/\//.test(sourceUrl),
      sourceDate: date,
      ...(d.date_approx === 'yes' ? { sourceDateApprox: true } : {}),
      certainty,
      note: `${optional(d.basis) ?? ''} | as researched: ${[row.office_name, row.city, row.address, row.source_date].filter((v) => v && v.trim()).join(' · ')}`,
    });
  }
  for (const [key, r] of readings) {
    if (!r.used) errors.push({ file: 'display', line: r.line, message: `reading ${key} matches no research row` });
  }
  return { entryPoints, errors };
}
