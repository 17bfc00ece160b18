#!/usr/bin/env bash
# Build the page assets: GOV.UK Frontend and MoJ Frontend come from the npm registry at build time
# (package-lock.json pins them); nothing third-party is committed. Output goes to the git-ignored
# src/nolan/web/static/nolan/build/, served by Django's staticfiles as /static/nolan/build/.
#
#   bash scripts/build-assets.sh      (the Makefile runs this for `make install` and `make run`)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=src/nolan/web/static/nolan/build
GOVUK=node_modules/govuk-frontend/dist/govuk
MOJ=node_modules/@ministryofjustice/frontend/moj

# Install exactly what the lock file says when node_modules is missing or older than the lock.
# npm keeps its own record of what it installed in node_modules/.package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

rm -rf "$OUT"
mkdir -p "$OUT/images"

# The council's stylesheet: GOV.UK Frontend and MoJ Frontend with Arial instead of GDS Transport
# (a council is not GOV.UK), plus Nolan's own few styles. --load-path=. because MoJ Frontend's
# Sass refers to GOV.UK Frontend as "node_modules/govuk-frontend/...".
if ! sass_output=$(node_modules/.bin/sass \
	--style=compressed --no-source-map --quiet-deps \
	--load-path=. --load-path=node_modules \
	src/nolan/web/scss/nolan.scss "$OUT/nolan.css" 2>&1); then
	echo "$sass_output" >&2
	exit 1
fi
# Show any warnings but the one MoJ Frontend 11.1's own Sass causes in GOV.UK Frontend 6.6 (its alert
# uses the deprecated govuk-text-colour mixin): we cannot fix it, and it would hide new ones.
[[ -z $sass_output ]] || awk 'BEGIN { RS = ""; ORS = "\n\n" } !/govuk-text-colour/' <<<"$sass_output" >&2

# The published JavaScript bundles (ES modules), loaded by src/nolan/web/static/nolan/init.mjs.
cp "$GOVUK/govuk-frontend.min.js" "$OUT/govuk-frontend.min.js"
cp "$MOJ/moj-frontend.min.js" "$OUT/moj-frontend.min.js"

# Images the stylesheets refer to, and GOV.UK's web manifest. Not the GDS Transport fonts: GOV.UK
# licenses them for GOV.UK services only.
cp "$GOVUK/assets/images/"* "$OUT/images/"
cp "$MOJ/assets/images/"* "$OUT/images/"
cp "$GOVUK/assets/manifest.json" "$OUT/manifest.json"

echo "build-assets.sh: built $OUT"
