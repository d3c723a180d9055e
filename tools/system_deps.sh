#!/usr/bin/env bash
# What the tests need from Debian, installed when missing: the one list, used by
# `make test` (target system-deps) and by CI (.ci/run). Installs as root, or through sudo
# when it asks no password; otherwise says exactly what to install and fails, so that no
# test is skipped in silence (CP_SKIP_BROWSER=1 skips the browser tests on purpose).
set -euo pipefail

# `system_deps.sh site`: only what building the site needs (make html, make publish).
need=()
# The share cards (plugins/sharecards) set Chinese titles in Noto Sans CJK, Latin in DejaVu;
# without a CJK font Chinese also renders as boxes in the browser tests.
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# fontconfig's fc-list finds a card font for a language Noto Sans CJK lacks (Arabic...).
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ "${1:-tests}" != "site" ]; then
  command -v make >/dev/null 2>&1 || need+=(make)
  if [ "${CP_SKIP_BROWSER:-0}" != "1" ]; then
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
  fi
  # Node runs axe-core (browser tests) and ical.js (calendar feeds read by a second parser).
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi

if ((${#need[@]} == 0)); then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "system-deps: Debian packages are missing: ${need[*]}" >&2
  echo "system-deps: install them with: sudo apt-get install ${need[*]}" >&2
  echo "system-deps: (or CP_SKIP_BROWSER=1 make test to leave out the browser tests)" >&2
  exit 1
fi
echo "system-deps: installing ${need[*]}"
"${SUDO[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
