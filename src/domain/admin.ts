/**
 * Knowledge-base administration shared by the admin REST API and `npm run kb:import`: the same
 * validation, the same all-or-nothing changes, the same history. No HTTP, no file here: the
 * knowledge base saves through its repository, the history is a port (ChangeHistory).
 */
import { parse } from 'csv-parse/sync';
import { entryPointCoverage, type EntryPointCoverage } from './coverage';
import { KbError, type KnowledgeBase } from './knowledge-base';
import { cleanLine } from './text';
import { formatFrenchPhone, normalizeEmail, normalizeFrenchPhone } from './contact/details';
import { SerialQueue } from './serial';
import { territoriesFromCsv, type LineError } from './sources';
import type { NamedReferent, OperatorId, ReferentSlot, Territory, Wave } from './types';
import { OPERATOR_IDS } from './types';

export type HistoryAction = 'slot.replace' | 'referents.import' | 'territories.import';

export interface HistoryEntry {
  id: string;
  at: string;
  who: string;
  action: HistoryAction;
  summary: string;
  /** Each changed record with its previous value (null when it did not exist). */
  changes: Array<{ key: string; before: unknown; after: unknown }>;
}

/** Append-only record of knowledge-base changes (src/infrastructure/kb-history.ts). */
export interface ChangeHistory {
  append(entry: Omit<HistoryEntry, 'id'>): Promise<HistoryEntry>;
  /** Newest first. `key` matches a changed record's key or what it starts (a wave, a territory). */
  list(filter?: { limit?: number; action?: HistoryAction; key?: string }): Promise<HistoryEntry[]>;
}

/** Bad input: every problem listed, nothing changed. */
export class AdminInputError extends Error {
  constructor(
    message: string,
    readonly errors: Array<LineError | { line?: number; message: string }>,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AdminInputError';
  }
}

const slotKey = (wave: Wave, territoryId: string, operator: OperatorId) => `${wave}/${territoryId}/${operator}`;

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const MAX_TEXT = 200;

/**
 * Checks a referent as an administrator sends it (JSON or CSV row); returns the normalised
 * referent (e-mail lower-cased, phone "0X XX XX XX XX") or the problems.
 */
export function validateReferent(input: unknown, now: Date = new Date()): { referent: NamedReferent | null; problems: string[] } {
  if (input === null) return { referent: null, problems: [] };
  if (typeof input !== 'object' || Array.isArray(input)) return { referent: null, problems: ['the referent must be an object or null'] };
  const raw = input as Record<string, unknown>;
  const problems: string[] = [];
  const text = (field: string): string => {
    const v = raw[field];
    if (v !== undefined && v !== null && typeof v !== 'string') problems.push(`${field} must be a string`);
    const s = typeof v === 'string' ? cleanLine(v) : '';
    if (s.length > MAX_TEXT) problems.push(`${field} is longer than ${MAX_TEXT} characters`);
    return s;
  };
  const name = text('name');
  const role = text('role');
  const emailRaw = text('email');
  const phoneRaw = text('phone');
  const source = text('source');
  const verifiedAt = text('verifiedAt');
  const unknown = Object.keys(raw).filter((k) => !['name', 'role', 'email', 'phone', 'source', 'verifiedAt'].includes(k));
  if (unknown.length) problems.push(`unknown field(s): ${unknown.join(', ')}`);
  if (!name) problems.push('name is required');
  if (!source) problems.push('source is required (where the designation was published or who confirmed it)');
  const email = emailRaw ? normalizeEmail(emailRaw) : null;
  if (emailRaw && !email) problems.push(`email "${emailRaw}" is not a valid e-mail address`);
  const phone = phoneRaw ? normalizeFrenchPhone(phoneRaw) : null;
  if (phoneRaw && !phone) problems.push(`phone "${phoneRaw}" is not a valid French phone number`);
  if (!emailRaw && !phoneRaw) problems.push('an email or a phone is required');
  if (!DATE.test(verifiedAt) || Number.isNaN(Date.parse(verifiedAt))) problems.push(`verifiedAt "${verifiedAt}" is not a date (YYYY-MM-DD)`);
  else if (Date.parse(verifiedAt) > now.getTime() + 86_400_000) problems.push(`verifiedAt ${verifiedAt} is in the future`);
  if (problems.length) return { referent: null, problems };
  return {
    referent: {
      name,
      role,
      ...(email ? { email } : {}),
      ...(phone ? { phone: formatFrenchPhone(phone) } : {}),
      source,
      verifiedAt,
    },
    problems,
  };
}

export const REFERENT_COLUMNS = ['territory_id', 'wave', 'operator', 'name', 'role', 'email', 'phone', 'source', 'verified_at'] as const;

interface CsvRow {
  line: number;
  cells: string[];
}

function csvRows(file: string, text: string, errors: LineError[]): { header: string[]; rows: CsvRow[] } | null {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    errors.push({ file, line: e.lines ?? 0, message: `not valid CSV: ${(e.message ?? '').split('\n')[0]}` });
    return null;
  }
  const [head, ...rest] = records;
  if (!head) {
    errors.push({ file, line: 1, message: 'the file is empty' });
    return null;
  }
  return { header: head.record.map((h) => h.trim().toLowerCase()), rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

export interface CoverageEntry {
  territoryId: string;
  wave: Wave;
  name: string;
  regionName: string;
  /** Operators whose slot has no named referent. */
  missing: OperatorId[];
  /** Named referents whose verification is older than the threshold. */
  stale: Array<{ operator: OperatorId; verifiedAt: string }>;
}

export interface CoverageReport {
  olderThanDays: number;
  generatedAt: string;
  totals: { territories: number; slots: number; named: number; missing: number; stale: number };
  territories: CoverageEntry[];
  /** What a firm is shown instead of a named referent: the public entry points. */
  entryPoints: EntryPointCoverage;
}

/**
 * Every knowledge-base change an administrator can make. Changes are serialized, validated as a
 * whole by KnowledgeBase.replace (atomic write, rollback), then recorded in the history with
 * the previous values.
 */
export class KbAdmin {
  private readonly queue = new SerialQueue();

  constructor(
    readonly kb: KnowledgeBase,
    readonly history: ChangeHistory,
    private readonly now: () => Date = () => new Date(),
    /** Brings the base up to date before a change (shared by several instances). */
    private readonly refresh: () => Promise<unknown> = async () => undefined,
  ) {}

  listSlots(filter: { wave?: Wave; territoryId?: string; operator?: OperatorId; named?: boolean } = {}): ReferentSlot[] {
    return this.kb
      .slots()
      .filter((s) => filter.wave === undefined || s.wave === filter.wave)
      .filter((s) => !filter.territoryId || s.territoryId === filter.territoryId)
      .filter((s) => !filter.operator || s.operator === filter.operator)
      .filter((s) => filter.named === undefined || (s.referent !== null) === filter.named);
  }

  /** Sets (or clears, with null) the named referent of one slot. */
  replaceSlot(wave: Wave, territoryId: string, operator: OperatorId, input: unknown, who: string): Promise<{ slot: ReferentSlot; changed: boolean }> {
    return this.queue.run(async () => {
      await this.refresh();
      if (!OPERATOR_IDS.includes(operator)) throw new AdminInputError('Unknown operator', [{ message: `unknown operator "${operator}"` }], 404);
      const current = this.kb.slot(wave, territoryId, operator);
      if (!current) throw new AdminInputError('Unknown slot', [{ message: `no territory ${territoryId} in wave ${wave}` }], 404);
      const { referent, problems } = validateReferent(input, this.now());
      if (problems.length)
        throw new AdminInputError(
          'Invalid referent',
          problems.map((message) => ({ message })),
        );
      if (JSON.stringify(current.referent) === JSON.stringify(referent)) return { slot: current, changed: false };
      const at = this.now().toISOString();
      const next: ReferentSlot = { ...current, referent, updatedAt: at, updatedBy: who };
      const before = structuredClone(current);
      await this.kb.replace({ slots: this.kb.slots().map((s) => (s === current ? next : s)), meta: {} });
      await this.history.append({
        at,
        who,
        action: 'slot.replace',
        summary: `${referent ? `referent ${referent.name}` : 'no referent'} for ${operator} in ${territoryId} (${wave})`,
        changes: [{ key: slotKey(wave, territoryId, operator), before, after: next }],
      });
      return { slot: next, changed: true };
    });
  }

  /**
   * Imports referents from CSV, one row per (territory, operator). The file is validated as a
   * whole: any bad line rejects it, every bad line is reported. A row whose name, role, email
   * and phone are all empty clears the slot. Slots not in the file are left as they are.
   */
  importReferents(csv: string, who: string): Promise<{ rows: number; changed: number; historyId: string | null }> {
    return this.queue.run(async () => {
      await this.refresh();
      const errors: LineError[] = [];
      const file = 'referents';
      const parsed = csvRows(file, csv, errors);
      if (!parsed) throw new AdminInputError('Invalid CSV', errors);
      const missing = REFERENT_COLUMNS.filter((c) => !parsed.header.includes(c));
      if (missing.length) throw new AdminInputError('Invalid CSV', [{ file, line: 1, message: `missing column(s): ${missing.join(', ')}` }]);
      const col = (cells: string[], name: (typeof REFERENT_COLUMNS)[number]) => (cells[parsed.header.indexOf(name)] ?? '').trim();
      const seen = new Map<string, number>();
      const updates = new Map<string, NamedReferent | null>();
      for (const { line, cells } of parsed.rows) {
        if (cells.length !== parsed.header.length) {
          errors.push({ file, line, message: `expected ${parsed.header.length} fields, found ${cells.length}` });
          continue;
        }
        const territoryId = col(cells, 'territory_id');
        const waveText = col(cells, 'wave');
        const wave = Number(waveText);
        const operator = col(cells, 'operator') as OperatorId;
        const lineErrors: string[] = [];
        if (!/^\d{4}$/.test(waveText)) lineErrors.push(`wave "${waveText}" is not a year`);
        else if (!this.kb.territory(wave, territoryId)) lineErrors.push(`no territory "${territoryId}" in wave ${waveText}`);
        if (!OPERATOR_IDS.includes(operator)) lineErrors.push(`unknown operator "${operator}" (expected one of ${OPERATOR_IDS.join(', ')})`);
        const key = slotKey(wave, territoryId, operator);
        if (lineErrors.length === 0) {
          const first = seen.get(key);
          if (first !== undefined) lineErrors.push(`${territoryId} / ${operator} (${wave}) already given on line ${first}`);
          else seen.set(key, line);
        }
        const blank = ['name', 'role', 'email', 'phone'].every((c) => !col(cells, c as (typeof REFERENT_COLUMNS)[number]));
        let referent: NamedReferent | null = null;
        if (!blank) {
          const r = validateReferent(
            {
              name: col(cells, 'name'),
              role: col(cells, 'role'),
              email: col(cells, 'email'),
              phone: col(cells, 'phone'),
              source: col(cells, 'source'),
              verifiedAt: col(cells, 'verified_at'),
            },
            this.now(),
          );
          lineErrors.push(...r.problems);
          referent = r.referent;
        }
        for (const message of lineErrors) errors.push({ file, line, message });
        if (lineErrors.length === 0) updates.set(key, referent);
      }
      if (parsed.rows.length === 0) errors.push({ file, line: 2, message: 'no data row' });
      if (errors.length) throw new AdminInputError(`Invalid referents file: ${new Set(errors.map((e) => e.line)).size} bad line(s), nothing changed`, errors);

      const at = this.now().toISOString();
      const changes: HistoryEntry['changes'] = [];
      const slots = this.kb.slots().map((s) => {
        const key = slotKey(s.wave, s.territoryId, s.operator);
        if (!updates.has(key)) return s;
        const referent = updates.get(key)!;
        if (JSON.stringify(s.referent) === JSON.stringify(referent)) return s;
        const next: ReferentSlot = { ...s, referent, updatedAt: at, updatedBy: who };
        changes.push({ key, before: structuredClone(s), after: next });
        return next;
      });
      if (changes.length === 0) return { rows: parsed.rows.length, changed: 0, historyId: null };
      await this.kb.replace({ slots, meta: {} });
      const entry = await this.history.append({
        at,
        who,
        action: 'referents.import',
        summary: `${changes.length} slot(s) changed by a referents import of ${parsed.rows.length} row(s)`,
        changes,
      });
      return { rows: parsed.rows.length, changed: changes.length, historyId: entry.id };
    });
  }

  /**
   * Imports an official ANCT territory list (the shared main CSV shape) as wave `wave`, with
   * four empty referent slots per territory. Replacing an existing wave needs `replace`; named
   * referents of territories that remain are kept.
   */
  importTerritories(
    csv: string,
    wave: Wave,
    options: { replace?: boolean },
    who: string,
  ): Promise<{ wave: Wave; territories: number; replaced: boolean; historyId: string }> {
    return this.queue.run(async () => {
      await this.refresh();
      if (!Number.isInteger(wave) || wave < 2000 || wave > 2100) throw new AdminInputError('Invalid wave', [{ message: `wave "${wave}" is not a year` }]);
      const exists = this.kb.waves().includes(wave);
      if (exists && !options.replace) {
        throw new AdminInputError(
          `Wave ${wave} already exists`,
          [{ message: `wave ${wave} already exists; replace it explicitly (API: replace=true, kb:import: --replace)` }],
          409,
        );
      }
      const errors: LineError[] = [];
      const parsed = csvRows('main', csv, errors);
      if (!parsed) throw new AdminInputError('Invalid CSV', errors);
      const waveCol = parsed.header.indexOf('wave');
      if (waveCol >= 0) {
        for (const { line, cells } of parsed.rows) {
          const w = (cells[waveCol] ?? '').trim();
          if (w !== String(wave)) errors.push({ file: 'main', line, message: `wave "${w}" differs from the imported wave ${wave}` });
        }
      }
      // csv-parse (strict) in territoriesFromCsv stops at the first ragged row; report those rows
      // here and blank them so every other bad line is still listed.
      const lines = csv.split(/\r?\n/);
      for (const { line, cells } of parsed.rows) {
        if (cells.length === parsed.header.length) continue;
        errors.push({ file: 'main', line, message: `expected ${parsed.header.length} fields, found ${cells.length}` });
        if (line >= 1 && line <= lines.length) lines[line - 1] = '';
      }
      let territories: Territory[] = [];
      try {
        const result = territoriesFromCsv({ main: lines.join('\n') }, this.kb.geo);
        territories = result.territories;
        errors.push(...result.errors);
      } catch (err) {
        errors.push({ file: 'main', line: (err as { lines?: number }).lines ?? 0, message: `not valid CSV: ${String((err as Error).message).split('\n')[0]}` });
      }
      if (parsed.rows.length === 0) errors.push({ file: 'main', line: 2, message: 'no data row' });
      if (errors.length) {
        errors.sort((a, b) => a.line - b.line);
        throw new AdminInputError(`Invalid territory list: ${new Set(errors.map((e) => e.line)).size} bad line(s), nothing changed`, errors);
      }

      const at = this.now().toISOString();
      const previous = this.kb.territories(wave);
      const oldSlots = this.kb.slots().filter((s) => s.wave === wave);
      const kept = new Map(oldSlots.map((s) => [`${s.territoryId}/${s.operator}`, s]));
      const newSlots: ReferentSlot[] = territories.flatMap((t) =>
        OPERATOR_IDS.map((operator) => kept.get(`${t.id}/${operator}`) ?? { territoryId: t.id, wave, operator, referent: null, updatedAt: at, updatedBy: who }),
      );
      const ids = new Set(territories.map((t) => t.id));
      try {
        await this.kb.replace({
          territories: [
            ...this.kb
              .waves()
              .filter((w) => w !== wave)
              .flatMap((w) => this.kb.territories(w)),
            ...territories,
          ].sort((a, b) => a.wave - b.wave || a.id.localeCompare(b.id)),
          slots: [...this.kb.slots().filter((s) => s.wave !== wave), ...newSlots],
          meta: {},
        });
      } catch (err) {
        if (err instanceof KbError)
          throw new AdminInputError(
            'The territory list is inconsistent, nothing changed',
            err.problems.map((message) => ({ message })),
          );
        throw err;
      }
      const entry = await this.history.append({
        at,
        who,
        action: 'territories.import',
        summary: `${exists ? 'replaced' : 'new'} wave ${wave}: ${territories.length} territories`,
        changes: [
          {
            key: `${wave}`,
            before: exists ? { territories: previous, slotsRemoved: oldSlots.filter((s) => !ids.has(s.territoryId)) } : null,
            after: { territories: territories.length, ids: [...ids] },
          },
        ],
      });
      return { wave, territories: territories.length, replaced: exists, historyId: entry.id };
    });
  }

  coverage(options: { olderThanDays: number; wave?: Wave }): CoverageReport {
    const now = this.now();
    const limit = now.getTime() - options.olderThanDays * 86_400_000;
    const waves = options.wave !== undefined ? [options.wave] : this.kb.waves();
    const totals = { territories: 0, slots: 0, named: 0, missing: 0, stale: 0 };
    const territories: CoverageEntry[] = [];
    for (const wave of waves) {
      for (const t of this.kb.territories(wave)) {
        totals.territories++;
        const entry: CoverageEntry = { territoryId: t.id, wave, name: t.name, regionName: t.regionName, missing: [], stale: [] };
        for (const operator of OPERATOR_IDS) {
          const slot = this.kb.slot(wave, t.id, operator);
          totals.slots++;
          if (!slot?.referent) {
            entry.missing.push(operator);
            totals.missing++;
            continue;
          }
          totals.named++;
          const verified = Date.parse(slot.referent.verifiedAt);
          if (Number.isNaN(verified) || verified < limit) {
            entry.stale.push({ operator, verifiedAt: slot.referent.verifiedAt });
            totals.stale++;
          }
        }
        if (entry.missing.length || entry.stale.length) territories.push(entry);
      }
    }
    return { olderThanDays: options.olderThanDays, generatedAt: now.toISOString(), totals, territories, entryPoints: entryPointCoverage(this.kb) };
  }
}
