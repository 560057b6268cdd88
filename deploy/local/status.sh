#!/usr/bin/env bash
# Shows each component of a local run: its pid and, where it has one, whether its health URL answers 200.
# Exits 0 when everything that was started is up and healthy, 1 otherwise (or when nothing was started).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: deploy/local/status.sh [--dir DIR]

  --dir DIR    run directory (env TURNLOOP_LOCAL_DIR; default \${TMPDIR:-/tmp}/turnloop-local)
  -h, --help   this help
USAGE
}

while (($#)); do
  case "$1" in
    --dir) RUN_DIR="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

healthy=true
started=false
for name in "${COMPONENTS[@]}"; do
  [[ -f "$(pid_file "$name")" ]] || continue
  started=true
  if pid="$(live_pid "$name")"; then
    state="running (pid $pid)"
    if [[ -f "$RUN_DIR/$name/health-url" ]]; then
      url="$(<"$RUN_DIR/$name/health-url")"
      code="$(http_status "$url")"
      state+=", $url -> $code"
      [[ "$code" == 200 ]] || healthy=false
    fi
  else
    state="not running (see $RUN_DIR/$name/$name.log)"
    healthy=false
  fi
  printf '%-10s %s\n' "$name" "$state"
done
if [[ "$started" == false ]]; then
  echo "nothing started in $RUN_DIR (start it with deploy/local/start.sh)"
  exit 1
fi
[[ "$healthy" == true ]]
