import * as dialogs from 'botbuilder-dialogs';
import * as framework from '../../../../src/channels/dialogs/framework';

// The dialogs import these from botbuilder-dialogs' own files (not its index, which loads every
// prompt's recognizers): they must be the very classes and enums the index exports.
it.each(Object.keys(framework))('%s is the one botbuilder-dialogs exports', (name) => {
  expect(framework[name as keyof typeof framework]).toBe(dialogs[name as keyof typeof dialogs]);
});
