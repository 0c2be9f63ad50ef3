#!/usr/bin/env bash
# Builds the desktop .deb with CPack, installs it with apt, starts the
# installed /usr/bin/natter under Xvfb until its first frame, takes a
# screenshot, checks the desktop integration files, and removes the package.
# Needs root (apt); skips otherwise (exit 77).
set -euo pipefail
build=$1
artifacts=$build/test-artifacts
mkdir -p "$artifacts"
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: installing a package needs root"
  exit 77
fi
if dpkg-query -W -f='${Status}' natter 2>/dev/null | grep -q "install ok installed"; then
  echo "SKIP: a natter package is already installed on this machine; not touching it"
  exit 77
fi
work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
  if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null || true; fi
  if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq natter >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/pkg/natter_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb -c "$deb" | awk '{print $6}' | sort >"$work/contents"
for f in ./usr/bin/natter ./usr/share/applications/natter.desktop \
         ./usr/share/metainfo/io.natter.Natter.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/natter.svg; do
  grep -qx "$f" "$work/contents" || { echo "FAIL: $f missing from the package"; exit 1; }
done
dpkg-deb -f "$deb" Depends | grep -q qml6-module-qtquick-controls \
  || { echo "FAIL: the package does not depend on the QML modules"; exit 1; }

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log"; exit 1; }
[[ -x /usr/bin/natter ]] || { echo "FAIL: /usr/bin/natter not installed"; exit 1; }
desktop-file-validate /usr/share/applications/natter.desktop || { echo "FAIL: invalid .desktop file"; exit 1; }

# Start the installed app as a person would, in its own X server.
display=:$((100 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
mkdir -p "$work/home" "$work/run" && chmod 700 "$work/run"
HOME=$work/home XDG_RUNTIME_DIR=$work/run DISPLAY=$display \
  /usr/bin/natter --profile "$work/profile" --passphrase-only --startup-probe >"$work/app.out" 2>"$work/app.err" &
app_pid=$!
for _ in $(seq 150); do grep -q '^first-frame' "$work/app.out" && break; sleep 0.1; done
if ! grep -q '^first-frame' "$work/app.out"; then
  echo "FAIL: the installed app showed no window"; cat "$work/app.err"; exit 1
fi
grep -q 'page=setup' "$work/app.out" || { echo "FAIL: a new profile did not open on the setup page"; exit 1; }
sleep 0.5
DISPLAY=$display import -window root "$artifacts/deb-installed-setup.png"
echo "screenshot: $artifacts/deb-installed-setup.png"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
echo "PASS: installed, started, removed"
