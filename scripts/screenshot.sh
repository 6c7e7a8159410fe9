#!/usr/bin/env bash
# Starts byline under a virtual X display, runs the given xdotool commands (one
# per argument, e.g. "key 1" or "mousemove 400 300 click 1"), and saves a
# screenshot. For looking at the real window on a machine without a display.
# Usage: scripts/screenshot.sh OUT.png DBFILE [xdotool-args...]
set -euo pipefail
out=$1 db=$2
shift 2
command -v xvfb-run >/dev/null || { echo "needs: apt-get install xvfb xauth xdotool imagemagick" >&2; exit 1; }
cat > /tmp/byline-shot.sh <<INNER
#!/usr/bin/env bash
set -u
./byline --db "$db" & pid=\$!
sleep \${BYLINE_SHOT_WAIT:-4}
for step in "\$@"; do xdotool \$step; sleep 0.4; done
sleep 1
import -window root "$out"
kill \$pid
INNER
chmod +x /tmp/byline-shot.sh
LANG=en_US.UTF-8 xvfb-run -a -s '-screen 0 1400x900x24' /tmp/byline-shot.sh "$@"
