/**
 * The values of botbuilder-dialogs the dialogs use, imported from their own files. The package's
 * index loads every prompt, and with them the recognizers' number, date-time, choice and suite
 * models (measured: 1.3 s and 73 MB for the index against 0.36 s and 43 MB for these files),
 * while the dialogs ask for free text only (with their own TextPrompt, see textPrompt.ts: the
 * package's one loads the number recognizers too). These files are the ones the index
 * re-exports, so their classes are the index's (botbuilder-testing and the types imported from
 * 'botbuilder-dialogs' match them); test/unit/channels/dialogs/framework.ts checks it, so an
 * upgrade that moves a file fails there.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogReason, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
