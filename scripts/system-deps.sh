#!/usr/bin/env bash
# Install the Debian packages the platform needs, only those missing. Usage: system-deps.sh run|test|bench
set -euo pipefail
want=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation gettext)
if [ "${1:-run}" = "test" ]; then
  want+=(poppler-utils chromium chromium-driver postgresql)
fi
if [ "${1:-run}" = "bench" ]; then
  want+=(wrk postgresql)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
