import { suites } from '../../helpers/suites';

/** Rows 1, 2, 4, 5, 9 and 10 of the public-edge review (docs/security.md). Each suite starts its own app. */
suites(__dirname, {
  'edge/bodies: compressed and multipart bodies': './bodies',
  'edge/clients: one client key behind a proxy': './clients',
  'edge/connections: slow and silent connections': './connections',
  'edge/text: user text in replies, storage, webhooks and e-mail': './text',
});
