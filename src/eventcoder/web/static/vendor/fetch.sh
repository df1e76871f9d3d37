#!/usr/bin/env bash
# Refetch the vendored front-end files from the npm registry (development time only; nothing is fetched
# at run time). Versions are pinned here and listed with their licences in README.md beside this script.
set -euo pipefail
cd "$(dirname "$0")"
CHARTJS=4.6.1
LEAFLET=1.9.4
WORLD_ATLAS=2.0.2
TOPOJSON_CLIENT=3.1.0
SWAGGER_UI=5.35.0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unpack() {  # unpack NAME VERSION -> $work/NAME/package
    mkdir -p "$work/$1"
    (cd "$work/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}
unpack chart.js "$CHARTJS"
unpack leaflet "$LEAFLET"
unpack world-atlas "$WORLD_ATLAS"
unpack topojson-client "$TOPOJSON_CLIENT"
unpack swagger-ui-dist "$SWAGGER_UI"

rm -rf chartjs leaflet world-atlas topojson-client swagger-ui
mkdir -p chartjs leaflet/images world-atlas topojson-client swagger-ui
cp "$work/chart.js/package/dist/chart.umd.min.js" "$work/chart.js/package/LICENSE.md" chartjs/
cp "$work/leaflet/package/dist/leaflet.js" "$work/leaflet/package/dist/leaflet.css" \
   "$work/leaflet/package/LICENSE" leaflet/
cp "$work/leaflet/package/dist/images/"*.png leaflet/images/
cp "$work/world-atlas/package/countries-110m.json" "$work/world-atlas/package/LICENSE" world-atlas/
cp "$work/topojson-client/package/dist/topojson-client.min.js" "$work/topojson-client/package/LICENSE" \
   topojson-client/
cp "$work/swagger-ui-dist/package/swagger-ui-bundle.js" "$work/swagger-ui-dist/package/swagger-ui.css" \
   "$work/swagger-ui-dist/package/LICENSE" swagger-ui/
du -sh .
