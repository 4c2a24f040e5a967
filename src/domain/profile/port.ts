import type { Lang } from '../types';
import type { NumberSpan } from './figures';
import type { ParseOptions } from './parse';
import type { FirmProfile } from './types';

/**
 * Ports of the profile parser. The parser itself is pure (parse.ts); what it needs from outside
 * is the recognizers' number model, which costs seconds to build and must never run on the
 * server's event loop: infrastructure provides it behind `NumberReader` (a worker thread).
 */

/** Why the numbers of a message could not be read within the turn. */
export type UnreadReason =
  /** The number model is still being built (the first seconds after start-up). */
  | 'warming'
  /** Too many messages are waiting for the model. */
  | 'busy'
  /** The message waited longer than the parser's time limit. */
  | 'timeout'
  /** The model is not available (it failed, is restarting, or this process runs without it). */
  | 'unavailable';

export class NumbersUnread extends Error {
  constructor(readonly reason: UnreadReason) {
    super(`numbers not read: ${reason}`);
    this.name = 'NumbersUnread';
  }
}

/** How ready the number model is, for /health ('idle': not built until a message needs it). */
export type NumberReaderState = 'idle' | 'warming' | 'ready' | 'restarting' | 'failed' | 'off';

/** Reads every number of a prepared text (offsets in that text), in text order. */
export interface NumberReader {
  /** Rejects with NumbersUnread when the numbers cannot be read in time; never waits unbounded. */
  read(text: string, locale: Lang): Promise<NumberSpan[]>;
  readonly state: NumberReaderState;
}

/**
 * What a message says about the firm. `complete: false` when it writes figures in words that
 * could not be read in time: `profile` then holds only what needs no number (needs, sector,
 * group, company number, NAF code) and none of headcount, turnover, balance sheet or founding
 * year, so nothing is read wrong; the caller asks for the figures again.
 */
export type ProfileReading = { complete: true; profile: Partial<FirmProfile> } | { complete: false; profile: Partial<FirmProfile>; reason: UnreadReason };

export interface ProfileParser {
  parse(text: string, locale: Lang, options?: ParseOptions): Promise<ProfileReading>;
  /** The number model's readiness (messages in figures never wait for it). */
  readonly state: NumberReaderState;
}
