#!/usr/bin/env bash
# The mechanical formatting of the whole tree, in one go: ESLint's autofixes, then Prettier.
# Run it after merging, and commit its result alone ("Mechanical: prettier --write and eslint --fix on the whole
# tree"), so that no review mixes formatting with real changes. What ESLint cannot fix itself it lists at the end;
# the exit code is ESLint's (0 = nothing left), so `npm test` passes once that list is empty.
set -uo pipefail
cd "$(dirname "$0")/.."

echo "== eslint --fix (type-aware: takes a minute)"
node node_modules/eslint/bin/eslint.js --fix --max-warnings 0 .
lint=$?

echo "== prettier --write"
node node_modules/prettier/bin/prettier.cjs --write --log-level warn . || exit 1
node node_modules/prettier/bin/prettier.cjs --check --log-level warn . || exit 1

if [ "$lint" -ne 0 ]; then
  echo "Opgemaakt. ESLint meldt hierboven nog bevindingen die niet automatisch te herstellen zijn."
else
  echo "Opgemaakt; ESLint en Prettier vinden niets meer."
fi
exit "$lint"
