import { suites } from '../../helpers/suites';

/** The domain on the real knowledge base and geography, shared by the suites, which only read it. */
suites(__dirname, {
  'domain/kb: the knowledge base': './kb',
  'domain/resolver: places to territories': './resolver',
  'domain/place-precision: messages that name no place': './place-precision',
  'domain/areas: areas and their territories': './areas',
  'domain/entry-points: dated entry points': './entry-points',
  'domain/eligibility/place: the firm’s place in the configured list': './eligibility/place',
  'domain/recent-answers: answers kept per knowledge-base revision': './recent-answers',
});
