#!/usr/bin/env bash
# npm test: the checks (npm run checks: type-check and lint, format) beside jest rather than before
# it. Each check is single-threaded and jest's two workers idle at times (a child process, a
# deadline, the last file): side by side, the machine's cores stay busy until the end. Fails if
# either fails; jest's closing line is its own, the checks say what they found.
set -u
npm run -s checks &
checks=$!
jest "$@"
tests=$?
wait "$checks"
checked=$?
if [ "$checked" -ne 0 ]; then
  echo "npm test: npm run checks failed (above)" >&2
  exit "$checked"
fi
exit "$tests"
