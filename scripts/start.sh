#!/usr/bin/env bash
# Runs the platform: installs what it needs, builds the web apps, then serves API and web apps on
# one port (PORT, default 3000) with the embedded database in DATA_DIR (default ./data), created
# with demo data on first start. DATABASE_URL switches to a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-node.sh
source scripts/ensure-deps.sh
bash scripts/build-web.sh
exec node_modules/.bin/tsx server/main.ts
