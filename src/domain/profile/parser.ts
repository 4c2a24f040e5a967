import type { Lang } from '../types';
import { completeProfile, prepareProfileText, readWithoutModel, type ParseOptions } from './parse';
import { NumbersUnread, type NumberReader, type NumberReaderState, type ProfileParser, type ProfileReading } from './port';

/**
 * The firm-profile parser: figures written as digits are read at once, in this thread, by the
 * pre-parser; only a message writing numbers in words waits for the number model.
 */
export class FirmProfileParser implements ProfileParser {
  constructor(private readonly numbers: NumberReader) {}

  get state(): NumberReaderState {
    return this.numbers.state;
  }

  async parse(text: string, locale: Lang, options: ParseOptions = {}): Promise<ProfileReading> {
    const prepared = prepareProfileText(text, locale);
    if (!prepared.text) return { complete: true, profile: prepared.profile };
    const quick = readWithoutModel(prepared);
    if (quick) return { complete: true, profile: completeProfile(prepared, quick, options) };
    try {
      return { complete: true, profile: completeProfile(prepared, await this.numbers.read(prepared.text, locale), options) };
    } catch (err) {
      if (err instanceof NumbersUnread) return { complete: false, profile: prepared.profile, reason: err.reason };
      throw err;
    }
  }
}
