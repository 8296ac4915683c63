#!/usr/bin/env bash
# Installs the Debian packages the tests need (LibreOffice Calc, xmllint, Chromium, openpyxl,
# pdftoppm), only those missing; through sudo unless run as root. Used by the README's test
# command and by .ci/run.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import openpyxl" >/dev/null 2>&1 || need+=(python3-openpyxl)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "Cài / installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
