#!/usr/bin/env bash
# Builds the web apps into web/dist when a source file is newer than the last build.
set -euo pipefail
if [ ! -f web/dist/index.html ] || [ -n "$(find web contracts -type f -not -path 'web/dist/*' -newer web/dist/index.html -print -quit)" ]; then
  echo "» building the web apps (vite)…"
  npm run --silent build:web
fi
