import { suites } from '../../../helpers/suites';

/** The dialogs through DialogTestClient on the real knowledge base (each suite changing it works on a copy). */
suites(__dirname, {
  'dialogs/framework: what the dialogs import from botbuilder-dialogs': './framework',
  'dialogs/textPrompt: the dialogs’ own TextPrompt against the package’s': './textPrompt',
  'dialogs/router: the routing table': './router',
  'dialogs/mainDialog: conversations through the main dialog': './mainDialog',
  'dialogs/cards: card buttons': './cards',
  'dialogs/eligibility-cases: eligibility cases as firms meet them': './eligibility-cases',
  'dialogs/contactDialog: the contact dialog': './contactDialog',
});
