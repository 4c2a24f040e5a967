/**
 * Every test that needs the recognizers' number model, in one file: jest gives each test file its
 * own modules, so each file built the model again (seconds of CPU each, the largest cost of the
 * suite). Each module below is one former test file; they share the worker and model of
 * ../../helpers/parser, closed once they are done.
 */
import { testReader } from '../../helpers/parser';
import './parse';
import './properties';
import './eligibilityDialog';
import './corpus';
import './worker';
import './fractions';

afterAll(() => testReader.close());
