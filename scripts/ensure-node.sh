#!/usr/bin/env bash
# Puts a supported Node.js LTS (24) first on PATH. Sourced by start.sh, test.sh and .ci/run.
# Node 20, which these machines ship, is out of support since 2026-04-30. Where the machine's own
# node is older than 24, the npm registry's `node` package (which carries the official binary for
# this platform) is installed once into .tools/ and used for everything after: npm ci, the server,
# the tests. The version is pinned here so every machine runs the same one.
GONGHUI_NODE_VERSION=24.21.0
node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  tools="$PWD/.tools"
  if [ "$("$tools/node_modules/.bin/node" -p 'process.versions.node' 2>/dev/null)" != "$GONGHUI_NODE_VERSION" ]; then
    echo "» the machine's Node.js is $(node --version 2>/dev/null || echo missing); installing Node.js $GONGHUI_NODE_VERSION into .tools/ (npm registry)…"
    mkdir -p "$tools"
    # The node package's preinstall fetches the platform's binary package from the registry: allow it.
    echo '{"name":"gonghui-tools","private":true,"allowScripts":{"node":true}}' >"$tools/package.json"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "node@$GONGHUI_NODE_VERSION" >/dev/null
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
fi
if [ "$(node_major)" -lt 24 ]; then
  echo "FATAL: Node.js 24 is needed and could not be installed (node is $(node --version 2>/dev/null))" >&2
  exit 1
fi
