#!/usr/bin/env bash
# npm test: the checks (npm run checks: type-check and lint, format) beside jest rather than before
# it. Each check is single-threaded and jest's two workers idle at times (a child process, a
# deadline, the last file): side by side, the machine's cores stay busy until the end. Fails if
# either fails; jest's closing line is its own, the checks say what they found.
set -u
npm run -s checks &
checks=$!
# Jest's workers inherit node's flags: with --no-regexp-tier-up (package.json "start" has it too,
# see the README's production start) the number model that parser/model and app/readiness build
# in a worker thread is ready 2.2-2.6 s of CPU sooner each; the unit project took the same CPU
# within noise (21.0-21.8 s against 21.5-21.95 s, two alternated runs). NODE_OPTIONS cannot carry
# this V8 flag.
node --no-regexp-tier-up node_modules/jest/bin/jest.js "$@"
tests=$?
wait "$checks"
checked=$?
if [ "$checked" -ne 0 ]; then
  echo "npm test: npm run checks failed (above)" >&2
  exit "$checked"
fi
exit "$tests"
