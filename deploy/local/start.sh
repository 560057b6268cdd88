#!/usr/bin/env bash
# Starts a production-like turnloop on this machine: a KRaft Kafka broker and an Apicurio schema registry as their
# own processes (both from Maven Central), the topic catalog, the Avro contract, and each app as its own process
# with its own state directory, ops port and log file. Idempotent: components already running are left alone.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: deploy/local/start.sh [options]

Starts Kafka, the Apicurio registry, creates topics, registers schemas and runs turnloop's apps as separate
processes. Everything a run writes goes below --dir; stop it with deploy/local/stop.sh (same --dir).

Options:
  --dir DIR              run directory (env TURNLOOP_LOCAL_DIR; default \${TMPDIR:-/tmp}/turnloop-local)
  --apps LIST            comma-separated apps to run (default ingest,intents,metrics,pr-worker; "none" = only
                         Kafka, the registry, topics and schemas)
  --kafka-port N         broker listener (default 9092); the KRaft controller listens on N+1
  --registry-port N      Apicurio registry HTTP port (default 8080)
  --ops-port N           ops port of the first app (/metrics, /health); the others get N+1, N+2, ... (default 9464)
  --query-port N         metrics app interactive queries (default 8089)
  --partitions N         partitions of per-conversation topics (default 6)
  --target-repo FILE     pr-worker target repository YAML (default: a local example agent repository created
                         below --dir from deploy/local/example-agent)
  --timeout SECONDS      how long to wait for each component to become ready (default 120)
  -h, --help             this help

Environment:
  TURNLOOP_CMD           how to run turnloop (default: the repository's ./turnloop launcher, which builds on first use)
  TURNLOOP_APP_JAVA_OPTS JVM options of each app (default -Xms128m -Xmx768m)
  MAVEN_ARGS             extra arguments for the one Maven call that resolves Kafka and Apicurio (e.g. -o)
USAGE
}

APPS_CSV="$(IFS=,; echo "${ALL_APPS[*]}")"
KAFKA_PORT=9092
REGISTRY_PORT=8080
OPS_PORT=9464
QUERY_PORT=8089
PARTITIONS=6
TARGET_REPO=""
TIMEOUT=120
while (($#)); do
  case "$1" in
    --dir) RUN_DIR="$2"; shift 2 ;;
    --apps) APPS_CSV="$2"; shift 2 ;;
    --kafka-port) KAFKA_PORT="$2"; shift 2 ;;
    --registry-port) REGISTRY_PORT="$2"; shift 2 ;;
    --ops-port) OPS_PORT="$2"; shift 2 ;;
    --query-port) QUERY_PORT="$2"; shift 2 ;;
    --partitions) PARTITIONS="$2"; shift 2 ;;
    --target-repo) TARGET_REPO="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done
APPS=()
if [[ "$APPS_CSV" != none ]]; then
  IFS=, read -r -a APPS <<<"$APPS_CSV"
  for app in "${APPS[@]}"; do
    [[ " ${ALL_APPS[*]} " == *" $app "* ]] || die "unknown app '$app'; choose from ${ALL_APPS[*]}"
  done
fi
for tool in java mvn curl git; do
  command -v "$tool" >/dev/null || die "$tool is not on the PATH; install it first"
done
read -r -a TURNLOOP <<<"${TURNLOOP_CMD:-$REPO_ROOT/turnloop}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
REGISTRY_URL="http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"
mkdir -p "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"

resolve_runtime() {
  if [[ -d "$RUNTIME_DIR/kafka-lib" && -n "$(ls "$RUNTIME_DIR"/apicurio/*-runner.jar 2>/dev/null)" ]]; then
    return
  fi
  log "resolving Kafka and Apicurio from Maven Central (once)"
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of arguments
  mvn -q -B ${MAVEN_ARGS:-} -f "$LOCAL_HOME/runtime/pom.xml" package >&2
}

# Runs a command in the background as component $1, output to its log, pid to its pid file.
spawn() {
  local name="$1"
  shift
  mkdir -p "$RUN_DIR/$name"
  nohup "$@" >"$RUN_DIR/$name/$name.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

start_kafka() {
  if live_pid kafka >/dev/null; then
    log "kafka already running (pid $(live_pid kafka))"
    return
  fi
  local dir="$RUN_DIR/kafka" controller=$((KAFKA_PORT + 1))
  mkdir -p "$dir/data"
  # KRaft combined mode, one node; replication factors of 1 so that exactly-once (transactions) works on one node
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
PROPS
  local cp="$RUNTIME_DIR/kafka-lib/*" logging="-Dlog4j2.configurationFile=$LOCAL_HOME/config/kafka-log4j2.xml"
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(java -cp "$cp" "$logging" kafka.tools.StorageTool random-uuid)"
    java -cp "$cp" "$logging" kafka.tools.StorageTool format --standalone -t "$cluster_id" \
      -c "$dir/server.properties" >"$dir/format.log" 2>&1 || die "formatting the Kafka log dir failed: $dir/format.log"
  fi
  log "starting kafka on $BOOTSTRAP"
  spawn kafka java -Xms256m -Xmx768m "$logging" -cp "$cp" kafka.Kafka "$dir/server.properties"
  wait_until kafka port_open "$KAFKA_PORT"
}

registry_ready() { [[ "$(http_status "$REGISTRY_URL/subjects")" == 200 ]]; }

start_registry() {
  if live_pid registry >/dev/null; then
    log "registry already running (pid $(live_pid registry))"
    return
  fi
  local runner
  runner="$(ls "$RUNTIME_DIR"/apicurio/*-runner.jar)"
  log "starting the Apicurio registry on $REGISTRY_URL"
  mkdir -p "$RUN_DIR/registry"
  # Apicurio's working directory matters: it finds lib/ next to the runner jar
  (cd "$RUNTIME_DIR/apicurio" && spawn registry java -Xmx384m -XX:+UseSerialGC -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="$REGISTRY_PORT" -Dquarkus.log.level=WARN -jar "$runner")
  wait_until registry registry_ready
  # Apicurio's default is NONE; production registries enforce BACKWARD, so incompatible changes are refused
  [[ "$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
    --data '{"compatibility":"BACKWARD"}' "$REGISTRY_URL/config")" == 200 ]] || die "could not set BACKWARD compatibility"
  echo "$REGISTRY_URL/subjects" >"$RUN_DIR/registry/health-url"
}

# The pr-worker's target: the given YAML, or an example agent repository (bare, like a remote) made once per run dir.
target_repo() {
  if [[ -n "$TARGET_REPO" ]]; then
    printf '%s' "$TARGET_REPO"
    return
  fi
  local dir="$RUN_DIR/example-agent"
  if [[ ! -d "$dir/agent.git" ]]; then
    local work
    work="$(mktemp -d)"
    cp -R "$LOCAL_HOME/example-agent/files/." "$work/"
    git -C "$work" init -q -b main
    git -C "$work" add -A
    git -C "$work" -c user.name=turnloop-local -c user.email=turnloop-local@turnloop.invalid \
      commit -q -m "example agent: prompt, harness and W&B config"
    mkdir -p "$dir"
    git clone -q --bare "$work" "$dir/agent.git"
    rm -rf "$work"
    cp "$LOCAL_HOME/example-agent/target-repo.yaml" "$dir/target-repo.yaml"
  fi
  printf '%s' "$dir/target-repo.yaml"
}

app_healthy() { [[ "$(http_status "$1")" == 200 ]]; }

start_app() {
  local app="$1" ops_port="$2"
  if live_pid "$app" >/dev/null; then
    log "$app already running (pid $(live_pid "$app"))"
    return
  fi
  local dir="$RUN_DIR/$app"
  mkdir -p "$dir/state"
  local args=(run "$app" --ops-port "$ops_port")
  case "$app" in
    metrics) args+=(--query-port "$QUERY_PORT") ;;
    pr-worker) args+=(--target-repo "$(target_repo)" --work-dir "$dir/work") ;;
  esac
  log "starting $app (ops http://127.0.0.1:$ops_port, state $dir/state, log $dir/$app.log)"
  TURNLOOP_STATE_DIR="$dir/state" TURNLOOP_JAVA_OPTS="${TURNLOOP_APP_JAVA_OPTS:--Xms128m -Xmx768m}" \
    spawn "$app" "${TURNLOOP[@]}" "${args[@]}"
  echo "http://127.0.0.1:$ops_port/health" >"$dir/health-url"
}

resolve_runtime
start_kafka
start_registry

# Configuration through the environment, as a container would get it
export TURNLOOP_BOOTSTRAP_SERVERS="$BOOTSTRAP" TURNLOOP_SCHEMA_REGISTRY_URL="$REGISTRY_URL"
export TURNLOOP_TOPIC_PARTITIONS="$PARTITIONS"
"${TURNLOOP[@]}" version >&2
"${TURNLOOP[@]}" topics create >&2
"${TURNLOOP[@]}" schemas register >&2

for i in "${!APPS[@]}"; do
  start_app "${APPS[$i]}" $((OPS_PORT + i))
done
for app in "${APPS[@]}"; do
  wait_until "$app" app_healthy "$(<"$RUN_DIR/$app/health-url")"
  log "$app healthy"
done
cat <<DONE
turnloop is running (run dir $RUN_DIR)
  kafka     $BOOTSTRAP
  registry  $REGISTRY_URL
$(for i in "${!APPS[@]}"; do printf '  %-9s http://127.0.0.1:%s/metrics\n' "${APPS[$i]}" $((OPS_PORT + i)); done)
publish turns:  TURNLOOP_BOOTSTRAP_SERVERS=$BOOTSTRAP TURNLOOP_SCHEMA_REGISTRY_URL=$REGISTRY_URL ./turnloop replay --file F
stop:           deploy/local/stop.sh --dir $RUN_DIR
DONE
