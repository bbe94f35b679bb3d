#!/usr/bin/env bash
# Rebuilds the committed front-end bundles in web/static/vendor from the locked
# npm packages. Run it only when package.json changes; the server never needs node.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
mkdir -p ../static/vendor
npx esbuild src/editor.js --bundle --minify --format=iife --target=es2020 \
  --legal-comments=eof --outfile=../static/vendor/editor.js
cp node_modules/htmx.org/dist/htmx.min.js ../static/vendor/htmx.min.js
echo "wrote ../static/vendor/editor.js and htmx.min.js"
