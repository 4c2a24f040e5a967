#!/bin/sh
# Start command for App Service (code deployment) and the container image.
# The knowledge base is edited at run time by administrators, so in production KB_DIR points to
# persistent storage; the first start copies the packaged files there (KB_SEED_DIR). An existing
# file is never overwritten: administrators' edits survive redeployments. The scheme catalogue
# (schemes.json) is not edited at run time: each deployment's own version replaces it.
set -eu

if [ -n "${KB_DIR:-}" ] && [ -n "${KB_SEED_DIR:-}" ] && [ "$KB_DIR" != "$KB_SEED_DIR" ]; then
  mkdir -p "$KB_DIR"
  for seed in "$KB_SEED_DIR"/*.json; do
    [ -e "$seed" ] || continue
    target="$KB_DIR/$(basename "$seed")"
    if [ "$(basename "$seed")" = schemes.json ]; then
      cp "$seed" "$target"
    elif [ ! -e "$target" ]; then
      cp "$seed" "$target"
      echo "start.sh: seeded $target from $seed"
    fi
  done
fi
mkdir -p "${STATE_DIR:-var}"

# glibc's malloc keeps what a thread frees unless its free space passes a threshold that grows
# with the largest block freed so far (mallopt(3)): building and warming the recognizers' French
# model in the parser worker frees blocks of up to 8-10 MB, after which about 28 MB stayed
# reserved to that thread, 1.5 MB of it in use. The threshold fixed at glibc's default value
# (128 KiB) gives it back: RSS once every part is ready 270 -> 250 MB (median of 3). glibc reads it
# when the process starts, so it is set here, not by node (nor in package.json "start", which
# `npm start` runs on any system); an environment that sets it keeps its own value.
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}"

# The same command as package.json "start" (checked by test/integration/teams/deploy.test.ts):
# the V8 settings there are those the build's code cache was written with.
exec node --max-semi-space-size=4 --heap-growing-percent=40 --no-regexp-tier-up --disable-warning=DEP0111 --disable-warning=DEP0005 dist/src/index.js
