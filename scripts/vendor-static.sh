#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm registry. Versions here and in static/vendor/VERSIONS.md.
set -euo pipefail
BOOTSTRAP=5.3.8
ICONS=1.13.1
HTMX=2.0.8
ECHARTS=5.6.0
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP" "bootstrap-icons@$ICONS" "htmx.org@$HTMX" "echarts@$ECHARTS" >/dev/null
for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
v="$root/static/vendor"
mkdir -p "$v/bootstrap" "$v/htmx" "$v/echarts" "$v/bootstrap-icons/fonts"
b="bootstrap-$BOOTSTRAP/package"
cp "$b/dist/css/bootstrap.min.css" "$b/dist/css/bootstrap.min.css.map" \
   "$b/dist/js/bootstrap.bundle.min.js" "$b/dist/js/bootstrap.bundle.min.js.map" "$b/LICENSE" "$v/bootstrap/"
i="bootstrap-icons-$ICONS/package"
cp "$i/font/bootstrap-icons.min.css" "$i/LICENSE" "$v/bootstrap-icons/"
cp "$i/font/fonts/bootstrap-icons.woff2" "$i/font/fonts/bootstrap-icons.woff" "$v/bootstrap-icons/fonts/"
h="htmx.org-$HTMX/package"
cp "$h/dist/htmx.min.js" "$h/LICENSE" "$v/htmx/"
e="echarts-$ECHARTS/package"
cp "$e/dist/echarts.min.js" "$e/LICENSE" "$e/NOTICE" "$v/echarts/"
echo "static/vendor refreshed"
