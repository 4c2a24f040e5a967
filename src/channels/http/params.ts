import type { Request, Response } from 'restify';
import { errorBody } from './errors';
import type { Wave } from '../../domain/types';
import { API_PARAMS } from '../../presentation/messages';
import type { Lang } from '../../presentation/lang';

/** Longest place query accepted: the resolver reads no further, so longer input is a client bug. */
export const MAX_QUERY_CHARS = 300;

/** A parameter problem, answered as a 400 that names the parameter and what would be accepted. */
export class ParamError extends Error {
  constructor(
    readonly parameter: string,
    readonly text: Readonly<Record<Lang, string>>,
    readonly allowed?: readonly (string | number)[],
  ) {
    super(`${text.fr} / ${text.en}`);
    this.name = 'ParamError';
  }

  body(): { error: { status: number; message: string; parameter: string; allowed?: readonly (string | number)[] } } {
    const { error } = errorBody(400, this.message);
    return { error: { ...error, parameter: this.parameter, ...(this.allowed ? { allowed: this.allowed } : {}) } };
  }
}

/**
 * The query parser turns `q=a&q=b` into an array and `q[x]=1` into an object; only a single
 * plain value is a valid parameter.
 */
function single(req: Request, name: string): string | undefined {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const raw = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    throw new ParamError(name, API_PARAMS.single(name));
  }
  return raw;
}

export function queryParam(req: Request): string {
  const raw = single(req, 'q');
  const q = (raw ?? '').trim();
  if (!q) {
    throw new ParamError('q', API_PARAMS.queryRequired);
  }
  if ([...q].length > MAX_QUERY_CHARS) {
    throw new ParamError('q', API_PARAMS.queryTooLong(MAX_QUERY_CHARS));
  }
  return q;
}

/** Parses a wave from text; anything but one of `waves` is refused with the list of valid ones. */
export function parseWave(raw: string | undefined, waves: readonly Wave[], name: string, options: { required: true }): Wave;
export function parseWave(raw: string | undefined, waves: readonly Wave[], name?: string, options?: { required: boolean }): Wave | undefined;
export function parseWave(raw: string | undefined, waves: readonly Wave[], name = 'wave', options = { required: false }): Wave | undefined {
  const value = (raw ?? '').trim();
  if (value === '' && !options.required) return undefined;
  const wave = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!waves.includes(wave)) {
    throw new ParamError(name, API_PARAMS.waveOneOf(name, waves.join(', ')), waves);
  }
  return wave;
}

export function waveParam(req: Request, waves: readonly Wave[]): Wave | undefined {
  return parseWave(single(req, 'wave'), waves);
}

/** JSON in UTF-8 with an explicit caching policy, so no proxy guesses one. */
export function sendJson(res: Response, status: number, body: unknown, cacheControl: string): void {
  res.charSet('utf-8');
  res.header('Cache-Control', cacheControl);
  res.json(status, body);
}

export function sendError(res: Response, err: unknown): boolean {
  if (err instanceof ParamError) {
    sendJson(res, 400, err.body(), 'no-store');
    return true;
  }
  return false;
}
