# Shared by start.sh, stop.sh and status.sh: where things live and how to tell whether a process is up.
# Sourced, not run.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
LOCAL_HOME="$REPO_ROOT/deploy/local"
RUNTIME_DIR="$LOCAL_HOME/runtime/target"

# Every run writes below one directory: pids, logs, broker data, app state.
RUN_DIR="${TURNLOOP_LOCAL_DIR:-${TMPDIR:-/tmp}/turnloop-local}"

# Start order; stop.sh goes backwards.
ALL_APPS=(ingest intents metrics pr-worker)
COMPONENTS=(kafka registry "${ALL_APPS[@]}")

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

pid_file() { printf '%s/%s/pid' "$RUN_DIR" "$1"; }

# The pid of a component if its process is alive, else nothing (exit 1).
live_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  printf '%s' "$pid"
}

# True once something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The HTTP status of a GET (000 when nothing answers).
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }

# Waits until "$2..." succeeds, checking that component $1 is still alive; gives up after $TIMEOUT seconds.
wait_until() {
  local component="$1" deadline=$((SECONDS + ${TIMEOUT:-120}))
  shift
  until "$@"; do
    live_pid "$component" >/dev/null || die "$component exited; see $RUN_DIR/$component/$component.log"
    ((SECONDS < deadline)) || die "$component not ready after ${TIMEOUT:-120}s; see $RUN_DIR/$component/$component.log"
    sleep 1
  done
}
