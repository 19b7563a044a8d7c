#!/usr/bin/env bash
# Copies the few Lucide icons the site uses into static/icons/, with Lucide's licence (ISC) beside them.
# The version is pinned in package.json (devDependencies "lucide-static"); `npm install` fetches it into
# node_modules/. The copies are committed, so the site needs no node_modules at run time.
# Add a name to ICONS below (and to core/templatetags/icons.py's ICONS) to use another icon.
#
# Usage: npm install && bash scripts/build_icons.sh
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE="$REPO_ROOT/node_modules/lucide-static"
TARGET="$REPO_ROOT/static/icons"
ICONS=(
  accessibility arrow-right at-sign code database globe handshake landmark mail map map-pin play rss
  shield-check users
)

if [ ! -f "$SOURCE/package.json" ]; then
  echo "lucide-static is not installed: run npm install" >&2
  exit 1
fi
mkdir -p "$TARGET"
rm -f "$TARGET"/*.svg
for name in "${ICONS[@]}"; do
  cp "$SOURCE/icons/$name.svg" "$TARGET/$name.svg"
done
cp "$SOURCE/LICENSE" "$TARGET/LICENSE-lucide.txt"
VERSION="$(node -p 'require(process.argv[1]).version' "$SOURCE/package.json")"
printf 'Icons from Lucide (lucide-static %s, https://lucide.dev), ISC licence: see LICENSE-lucide.txt.\nCopied by scripts/build_icons.sh; do not edit by hand.\n' "$VERSION" > "$TARGET/README.txt"
echo "Copied ${#ICONS[@]} icons (lucide-static $VERSION) into static/icons/"
