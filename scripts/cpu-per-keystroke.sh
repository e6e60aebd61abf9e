#!/usr/bin/env bash
# CPU per keystroke, Tandem against Ghostwriter, in one run under Xvfb:
# both open the same 100 KB Markdown post (Tandem inside a Jekyll site,
# with its translation), 150 characters are typed into each with xdotool,
# and the CPU time of each process tree is read from /proc before and after.
# Usage: [WIN_W=1280 WIN_H=800] scripts/cpu-per-keystroke.sh [SIZE_KB]
# (needs xvfb, xdotool, ghostwriter; builds ./tandem).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_KB=${1:-100}
WIN_W=${WIN_W:-1280} WIN_H=${WIN_H:-800} # both windows are given this size
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/tandem" .

# A post of SIZE_KB of varied Markdown, in English and French.
python3 - "$work" "$SIZE_KB" <<'PY'
import os, sys
work, kb = sys.argv[1], int(sys.argv[2])
paras = ["A paragraph of a long post, with “quotes”, a [link](https://example.org) and some **bold** words to make it look real.\n\n",
         "## A heading for the next part\n\n",
         "- a first point in a list\n- a second point, with *emphasis*\n- a third one\n\n",
         "> A quotation from someone the team interviewed, kept short.\n\n",
         "Another paragraph that runs on for a while so that it wraps over several rows in the editor and in the preview beside it.\n\n"]
body, i = "", 0
while len(body) < kb * 1024:
    body += paras[i % len(paras)]; i += 1
for lang, other in (("en", "fr"), ("fr", "en")):
    d = os.path.join(work, "site", "_posts", lang); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"2024-01-01-long-{lang}.md"), "w") as f:
        f.write(f'---\ntitle: "Long {lang}"\ndate: 2024-01-01\ntrans_url: /2024/01/01/long-{other}/\n---\n' + body)
open(os.path.join(work, "site", "_config.yml"), "w").write("permalink: /:year/:month/:day/:title/\n")
open(os.path.join(work, "plain.md"), "w").write(body)
PY

Xvfb :77 -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
export DISPLAY=:77
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

# tree PID: PID and all its descendants.
tree() {
  local c
  echo "$1"
  for c in $(pgrep -P "$1" || true); do tree "$c"; done
}

# cpu PID: user+system clock ticks of PID and its descendants.
cpu() {
  local total=0 p
  for p in $(tree "$1"); do
    [ -r /proc/$p/stat ] || continue
    set -- $(sed 's/^.*) //' /proc/$p/stat)
    total=$((total + ${12} + ${13}))
  done
  echo $total
}

measure() { # name pid window-name-pattern click-x click-y (fractions of the window)
  local name=$1 pid=$2 pat=$3 fx=$4 fy=$5 win
  for _ in $(seq 200); do win=$(xdotool search --name "$pat" 2>/dev/null | head -1) && [ -n "$win" ] && break; sleep 0.1; done
  sleep 3 # let it finish opening
  # Both windows the same size: drawing costs with the window's area
  # (Mesa draws in software under Xvfb).
  xdotool windowsize --sync "$win" "$WIN_W" "$WIN_H" 2>/dev/null || xdotool windowsize "$win" "$WIN_W" "$WIN_H"
  sleep 1
  xdotool windowfocus --sync "$win"
  eval "$(xdotool getwindowgeometry --shell "$win")"
  xdotool mousemove --window "$win" "$(python3 -c "print(int($WIDTH*$fx))")" "$(python3 -c "print(int($HEIGHT*$fy))")" click 1 # into the text
  sleep 1
  local before; before=$(cpu "$pid")
  xdotool type --delay 40 "$(python3 -c 'print(("typing a sentence into the long post " * 5)[:150])')"
  sleep 2 # debounced work settles
  local after; after=$(cpu "$pid")
  local hz; hz=$(getconf CLK_TCK)
  import -window root "${SHOTS:-$work}/$name.png" 2>/dev/null || true
  python3 -c "print('$name: %.1f ms CPU per keystroke (%d ticks for 150 keys, window %dx%d)' % ((($after-$before)*1000/$hz)/150, $after-$before, $WIDTH, $HEIGHT))"
}

HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" "$work/tandem" "$work/site/_posts/en/2024-01-01-long-en.md" >/dev/null 2>&1 &
tpid=$!
measure Tandem $tpid "Long en" 0.45 0.75
kill $tpid; wait $tpid 2>/dev/null || true

# Ghostwriter's preview is Qt WebEngine (Chromium), which needs this as root.
HOME="$work/home2" XDG_CONFIG_HOME="$work/home2/.config" QTWEBENGINE_DISABLE_SANDBOX=1 \
  QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox ghostwriter "$work/plain.md" >/dev/null 2>&1 &
gpid=$!
measure Ghostwriter $gpid "plain" 0.25 0.3
kill $gpid; wait $gpid 2>/dev/null || true
