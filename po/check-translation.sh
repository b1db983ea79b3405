#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when the German translation misses a message of the current sources
# or still has fuzzy ones.
set -eu
top="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --add-comments \
  --files-from=po/POTFILES.in -o "$tmp/gremium.pot" 2>/dev/null
msgmerge --quiet --no-fuzzy-matching po/de.po "$tmp/gremium.pot" -o "$tmp/de.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/de.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/de.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry as one msgid when it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "de.po: $untranslated untranslated, $fuzzy fuzzy messages"
  msgattrib --untranslated --no-obsolete "$tmp/de.po" | grep '^msgid ' | head -20
  exit 1
fi
echo "de.po is complete"
