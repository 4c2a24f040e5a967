import { suites } from '../../helpers/suites';

/** Web Chat in front of the real bot. Each suite starts its own app. */
suites(__dirname, {
  'webchat/directline: the local Direct Line channel': './directline',
  'webchat/browser: the page in headless Chromium': './browser',
});
