#!/usr/bin/env bash
# Stops what deploy/local/start.sh started, apps first and Kafka last, each with SIGTERM (turnloop closes its Streams
# cleanly and commits) and SIGKILL only after a grace period.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: deploy/local/stop.sh [options]

Stops the apps, the registry and Kafka of a local run, in that order.

Options:
  --dir DIR        run directory (env TURNLOOP_LOCAL_DIR; default \${TMPDIR:-/tmp}/turnloop-local)
  --grace SECONDS  how long each process may take to exit after SIGTERM before SIGKILL (default 45)
  --purge          also delete the run directory (broker data, app state, logs)
  -h, --help       this help
USAGE
}

GRACE=45
PURGE=false
while (($#)); do
  case "$1" in
    --dir) RUN_DIR="$2"; shift 2 ;;
    --grace) GRACE="$2"; shift 2 ;;
    --purge) PURGE=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

stop_component() {
  local name="$1" pid deadline
  pid="$(live_pid "$name")" || { rm -f "$(pid_file "$name")"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + GRACE))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "$name did not exit within ${GRACE}s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  rm -f "$(pid_file "$name")"
}

for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
  stop_component "${COMPONENTS[$i]}"
done
if [[ "$PURGE" == true && -d "$RUN_DIR" ]]; then
  log "deleting $RUN_DIR"
  rm -rf "$RUN_DIR"
fi
log "stopped"
