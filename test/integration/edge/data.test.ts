import { suites } from '../../helpers/suites';

/**
 * Rows 3, 6, 7, 8, 11, 12 and 13 of the public-edge review (docs/security.md). Each suite starts
 * its own app on its own state: the limits and stored conversations of one never reach another.
 */
suites(__dirname, {
  'edge/personal-data: retention, erasure and consent': './personal-data',
  'edge/personal-data-blob: the same with STORAGE=blob': './personal-data-blob',
  'edge/references: request references and their guess limits': './references',
  'edge/local-mode: the local bot, its channels and its log limits': './local-mode',
});
