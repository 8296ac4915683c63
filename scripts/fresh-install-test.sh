#!/usr/bin/env bash
# The README's first command on a machine with Node, npm and git only (issue 10). A clone of HEAD is
# installed with PKG_CONFIG_LIBDIR pointing nowhere, so that no native build against a system library
# can succeed, then runs the main job on the bundled sample data. Prints the install size.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git clone -q "$src" "$dir/repo"
cd "$dir/repo"
PKG_CONFIG_LIBDIR=/nonexistent npm ci --no-audit --no-fund --loglevel=error
# node-gyp leaves what it compiles under build/Release: nothing may be there.
compiled=$(find node_modules -path '*/build/Release/*.node' -print -quit)
if [ -n "$compiled" ]; then
  echo "fresh install: native code was compiled ($compiled)" >&2
  exit 1
fi
npm run demo > demo.log 2>&1 || { cat demo.log; echo "fresh install: npm run demo failed" >&2; exit 1; }
[ -s out/tong-hop-thanh-pho.xlsx ] || { echo "fresh install: no city workbook" >&2; exit 1; }
echo "fresh install: npm ci && npm run demo passed; node_modules $(du -sm node_modules | cut -f1) MB"
