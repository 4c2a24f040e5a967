import { suites } from '../../helpers/suites';

/** HTTP hardening and a small soak. Each suite starts its own app. */
suites(__dirname, {
  'quality/http: HTTP hardening': './http',
  'quality/soak: concurrent conversations (a small npm run soak)': './soak',
});
