#!/usr/bin/env bash
# The npm package `newsclean`: stages www/newsclean.js (the harness), its types
# www/newsclean.d.ts, its Node entry www/npm/node.js (init from a file), the module www/pkg/ (`make wasm`), www/npm/package.json (its version set
# from Cargo.toml: one version for the crate, the package, the extension and the CLI),
# www/npm/README.md and CHANGELOG.md in out/package/newsclean/, then `npm pack`s it into
# out/package/. Prints the tarball's path. Usage: scripts/package.sh (after `make wasm`)
set -euo pipefail
cd "$(dirname "$0")/.."

test -f www/pkg/newsclean_bg.wasm || { echo "package: www/pkg is missing: run make wasm" >&2; exit 1; }
version=$(awk -F'"' '/^version = / {print $2; exit}' Cargo.toml)
[ -n "$version" ] || { echo "package: no version in Cargo.toml" >&2; exit 1; }

out=out/package
stage=$out/newsclean
rm -rf "$stage" "$out"/newsclean-*.tgz
mkdir -p "$stage/pkg"
cp www/newsclean.js www/newsclean.d.ts CHANGELOG.md "$stage/"
cp www/npm/README.md "$stage/README.md"
cp www/npm/node.js "$stage/node.js"
cp www/pkg/newsclean.js www/pkg/newsclean_bg.wasm "$stage/pkg/"
cp -R www/pkg/snippets "$stage/pkg/"
node -e '
  const fs = require("fs");
  const [file, version] = process.argv.slice(1);
  const p = JSON.parse(fs.readFileSync("www/npm/package.json", "utf8"));
  p.version = version;
  fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");
' "$stage/package.json" "$version"
tarball=$(cd "$out" && npm pack ./newsclean --silent --pack-destination . | tail -1)
echo "$out/$tarball"
