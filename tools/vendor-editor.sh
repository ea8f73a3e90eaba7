#!/usr/bin/env bash
# Refresh the vendored SPARQL editor (CodeMirror 5 with its SPARQL mode) in
# server/static/vendor/codemirror-<version>/ from the npm registry.
#
#   tools/vendor-editor.sh            # the version pinned below
#   tools/vendor-editor.sh 5.65.21    # another 5.x version
#
# The page serves these files itself (never from a CDN); after a version change, update
# EDITOR_VENDOR in server/editor.py and run the browser tests (pytest -m browser).
set -euo pipefail
version="${1:-5.65.21}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "codemirror@$version" >/dev/null && tar -xzf codemirror-*.tgz)
src="$work/package"
dest="$root/server/static/vendor/codemirror-$version"
rm -rf "$dest"
mkdir -p "$dest"
cp "$src/LICENSE" "$src/lib/codemirror.js" "$src/lib/codemirror.css" \
   "$src/mode/sparql/sparql.js" "$src/addon/edit/matchbrackets.js" "$dest/"
echo "codemirror $version from the npm registry; files: lib/codemirror.{js,css}," \
     "mode/sparql/sparql.js, addon/edit/matchbrackets.js" > "$dest/SOURCE"
echo "vendored codemirror $version into ${dest#"$root"/}"
