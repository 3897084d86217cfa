#!/usr/bin/env bash
# Makes Screenshots/*.png from the real kfp-runs binary on --demo (see scripts/screenshots.py).
# Usage: scripts/screenshots.sh [--binary PATH]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v tmux >/dev/null || missing+=(tmux)
/usr/bin/python3 -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || missing+=(fonts-dejavu-core)
[ -e /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ] || missing+=(fonts-ipafont-gothic)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

# A binary given with --binary is used as it is; otherwise the release build.
if [[ " $* " != *" --binary "* ]]; then
  swift build -c release --product kfp-runs
  set -- --binary "$(swift build -c release --show-bin-path)/kfp-runs" "$@"
fi
/usr/bin/python3 scripts/screenshots.py --out Screenshots "$@"
