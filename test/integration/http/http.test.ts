import { suites } from '../../helpers/suites';

/** The public API, the administration API and `npm run kb:import`. Each suite starts its own app on its own knowledge base. */
suites(__dirname, {
  'http/api: the public lookup API': './api',
  'http/admin: the administration API': './admin',
  'http/admin-cli: npm run kb:import': './admin-cli',
});
