import { suites } from '../../helpers/suites';

/** The bot through POST /api/messages. Each suite starts its own app: contact requests and limits never mix. */
suites(__dirname, {
  'bot/conversation: the flows turn by turn': './conversation',
  'bot/teams: the Teams channel': './teams',
  'bot/contact: contact requests': './contact',
  'bot/eligibility: eligibility with the parser worker and the company directory': './eligibility',
  'bot/model: random sequences of turns (model-based)': './model',
});
