#!/usr/bin/env bash
# deploy/deploy.sh: replace the running tally with a new version without dropping a request.
#
#   deploy.sh [options] VERSION     deploy VERSION (container mode: an image already loaded with
#                                   `docker load`, e.g. tally:3f2c…; process mode: the path of
#                                   a tally binary)
#   deploy.sh [options] status      which slot serves, and what runs in each
#
# Two slots, blue (127.0.0.1:8081) and green (127.0.0.1:8082), both listed in nginx's upstream
# (nginx/conf.d/tally.conf). Normally one runs. A deploy:
#   1. starts VERSION on the idle slot: `tally migrate`, then `tally serve`;
#   2. waits until `tally healthcheck` (GET /readyz) succeeds on it; if it does not within
#      --ready-timeout, or the new version exits, it stops the new one, leaves the old one
#      serving and exits non-zero;
#   3. lets both serve for --settle seconds (longer than nginx's fail_timeout, so nginx is
#      sending requests to the new slot again);
#   4. sends SIGTERM to the old slot: tally stops accepting connections, finishes the requests
#      in flight (up to 30 s) and exits. nginx passes requests that find the old slot closed to
#      the new one. nginx is never reloaded, so client keep-alive connections stay open.
# Both modes share this logic; only starting, probing and stopping a slot differ.
#
# Options (or environment variables):
#   --mode container|process   TALLY_DEPLOY_MODE (default container)
#   --state-dir DIR            TALLY_DEPLOY_STATE_DIR: the active slot, pid files, logs, lock
#                              (default: container .deploy/ in the compose directory;
#                              process /var/lib/tally-deploy)
#   --ready-timeout SECONDS    TALLY_DEPLOY_READY_TIMEOUT (default 90)
#   --settle SECONDS           TALLY_DEPLOY_SETTLE_SECONDS (default 7; nginx fail_timeout is 5 s)
#   --stop-timeout SECONDS     TALLY_DEPLOY_STOP_TIMEOUT (default 40; tally's own graceful
#                              shutdown gives up after 30 s), then SIGKILL
#   TALLY_SLOT_HOST            address the slots listen on (default 127.0.0.1)
#   TALLY_SLOT_BLUE_PORT, TALLY_SLOT_GREEN_PORT   (defaults 8081, 8082)
#   TALLY_DEPLOY_STATIC_DIR    the directory nginx serves /static/ from; the new version's
#                              static files are copied into it (added or replaced, never
#                              deleted, since the old version still serves pages for a while)
#                              before the new version starts. Container mode default: static/
#                              in the compose directory (copied out of the image).
# Container mode (run in the directory of docker-compose.yml, or set TALLY_COMPOSE_DIR):
#   the slots are the compose services `app` (blue) and `app-green` (green); VERSION is tagged
#   tally:blue or tally:green and the service is recreated from it. TALLY_COMPOSE overrides
#   the compose command (default `docker compose`).
# Process mode: the slots are `tally serve` processes started in the background (setsid), with
#   this script's environment (TALLY_DATABASE_URL, TALLY_SECRET_KEY, ...) plus
#   TALLY_DEPLOY_ENV_FILE (KEY=value lines) if set, and TALLY_BIND set to the slot's address.
#   TALLY_DEPLOY_STATIC_SRC names the new version's static/ directory, if it is to be copied.
#
# Exit status: 0 deployed; 1 the new version failed and the old one (if any) still serves;
# 2 usage or setup error (nothing was changed).
set -euo pipefail

MODE="${TALLY_DEPLOY_MODE:-container}"
STATE_DIR="${TALLY_DEPLOY_STATE_DIR:-}"
READY_TIMEOUT="${TALLY_DEPLOY_READY_TIMEOUT:-90}"
SETTLE="${TALLY_DEPLOY_SETTLE_SECONDS:-7}"
STOP_TIMEOUT="${TALLY_DEPLOY_STOP_TIMEOUT:-40}"
SLOT_HOST="${TALLY_SLOT_HOST:-127.0.0.1}"
BLUE_PORT="${TALLY_SLOT_BLUE_PORT:-8081}"
GREEN_PORT="${TALLY_SLOT_GREEN_PORT:-8082}"
STATIC_DIR="${TALLY_DEPLOY_STATIC_DIR:-}"
STATIC_SRC="${TALLY_DEPLOY_STATIC_SRC:-}"
ENV_FILE="${TALLY_DEPLOY_ENV_FILE:-}"
COMPOSE_DIR="${TALLY_COMPOSE_DIR:-$PWD}"
read -r -a COMPOSE <<<"${TALLY_COMPOSE:-docker compose}"

log() { printf '%s deploy: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 2
}
usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------------------------------------
# Arguments

COMMAND=""
while (($# > 0)); do
    case "$1" in
        --mode) MODE="${2:?--mode needs a value}"; shift 2 ;;
        --state-dir) STATE_DIR="${2:?--state-dir needs a value}"; shift 2 ;;
        --ready-timeout) READY_TIMEOUT="${2:?}"; shift 2 ;;
        --settle) SETTLE="${2:?}"; shift 2 ;;
        --stop-timeout) STOP_TIMEOUT="${2:?}"; shift 2 ;;
        -h | --help) usage ;;
        -*) die "unknown option $1 (see --help)" ;;
        *)
            [[ -z $COMMAND ]] || die "one VERSION (or 'status') only"
            COMMAND="$1"
            shift
            ;;
    esac
done
[[ -n $COMMAND ]] || usage
for n in "$READY_TIMEOUT" "$SETTLE" "$STOP_TIMEOUT"; do
    [[ $n =~ ^[0-9]+$ ]] || die "timeouts are whole seconds (got '$n')"
done

case "$MODE" in
    container) STATE_DIR="${STATE_DIR:-$COMPOSE_DIR/.deploy}" ;;
    process) STATE_DIR="${STATE_DIR:-/var/lib/tally-deploy}" ;;
    *) die "--mode must be container or process (got '$MODE')" ;;
esac
mkdir -p "$STATE_DIR"
STATE_DIR="$(cd "$STATE_DIR" && pwd)"

# ---------------------------------------------------------------------------------------------
# Slots

other() { if [[ $1 == blue ]]; then echo green; else echo blue; fi; }
port_of() { if [[ $1 == blue ]]; then echo "$BLUE_PORT"; else echo "$GREEN_PORT"; fi; }
version_of() { cat "$STATE_DIR/$1.version" 2>/dev/null || true; }

# A pid that runs (a zombie that nobody has reaped yet has exited).
alive() {
    local pid="$1" state=""
    kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r /proc/$pid/stat ]]; then
        state="$(sed -e 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
        [[ $state != Z ]] || return 1
    fi
    return 0
}

# --- process mode ---

p_pid() { cat "$STATE_DIR/$1.pid" 2>/dev/null || true; }

p_check_version() {
    [[ -f $1 && -x $1 ]] || die "process mode: '$1' is not an executable tally binary"
}

p_running() {
    local pid
    pid="$(p_pid "$1")"
    [[ -n $pid ]] && alive "$pid"
}

# Runs "$@" with the app's environment and the slot's address.
p_env_exec() {
    local slot="$1"
    shift
    if [[ -n $ENV_FILE ]]; then
        set -a
        # shellcheck source=/dev/null
        . "$ENV_FILE"
        set +a
    fi
    TALLY_BIND="$SLOT_HOST:$(port_of "$slot")"
    export TALLY_BIND
    cd "$STATE_DIR"
    exec 9>&- # the deploy lock stays with this script, not with the server
    exec "$@"
}

p_start() {
    local slot="$1" bin="$2" log="$STATE_DIR/$1.log" pid
    bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    log "$slot: tally migrate"
    if ! (p_env_exec "$slot" "$bin" migrate) >>"$log" 2>&1 </dev/null; then
        log "$slot: migrations failed (see $log)"
        tail -n 5 "$log" >&2 || true
        return 1
    fi
    log "$slot: tally serve on $SLOT_HOST:$(port_of "$slot")"
    (p_env_exec "$slot" setsid "$bin" serve) >>"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$STATE_DIR/$slot.pid"
    echo "$bin" >"$STATE_DIR/$slot.version"
}

p_healthy() {
    local slot="$1" bin
    bin="$(version_of "$slot")"
    [[ -n $bin ]] || return 1
    "$bin" healthcheck --url "http://$SLOT_HOST:$(port_of "$slot")" >/dev/null 2>&1
}

p_stop() {
    local slot="$1" pid deadline
    pid="$(p_pid "$slot")"
    if [[ -n $pid ]] && alive "$pid"; then
        log "$slot: SIGTERM to pid $pid (graceful: in-flight requests finish)"
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + STOP_TIMEOUT))
        while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
        if alive "$pid"; then
            log "$slot: still running after ${STOP_TIMEOUT}s; SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        # Reap it if it is our own child (started by this run).
        wait "$pid" 2>/dev/null || true
    fi
    rm -f "$STATE_DIR/$slot.pid"
}

# Something (not ours) already answering on the slot's port would pass the readiness check.
p_port_busy() {
    (exec 3<>"/dev/tcp/$SLOT_HOST/$(port_of "$1")") 2>/dev/null
}

# --- container mode ---

service_of() { if [[ $1 == blue ]]; then echo app; else echo app-green; fi; }

compose() { (cd "$COMPOSE_DIR" && "${COMPOSE[@]}" --profile green "$@"); }

c_check_version() {
    docker image inspect "$1" >/dev/null 2>&1 ||
        die "container mode: image '$1' is not loaded (docker load it first)"
}

c_running() {
    local id
    id="$(compose ps -q "$(service_of "$1")" 2>/dev/null || true)"
    [[ -n $id ]] && [[ "$(docker inspect -f '{{.State.Running}}' "$id" 2>/dev/null)" == true ]]
}

c_start() {
    local slot="$1" image="$2"
    docker tag "$image" "tally:$slot"
    echo "$image" >"$STATE_DIR/$slot.version"
    log "$slot: recreating service $(service_of "$slot") from $image (migrate, then serve)"
    compose up -d --no-deps --no-build --force-recreate "$(service_of "$slot")"
}

c_healthy() {
    compose exec -T "$(service_of "$1")" tally healthcheck >/dev/null 2>&1
}

c_stop() {
    log "$1: docker compose stop (SIGTERM, graceful; SIGKILL after ${STOP_TIMEOUT}s)"
    compose stop -t "$STOP_TIMEOUT" "$(service_of "$1")" >/dev/null 2>&1 || true
}

c_port_busy() { return 1; }

# --- static files for nginx ---

# Copies every file of $1 into $2: added or replaced (each by an atomic rename), never deleted.
sync_static() {
    local src="$1" dst="$2" rel tmp
    mkdir -p "$dst"
    while IFS= read -r -d '' rel; do
        rel="${rel#./}"
        mkdir -p "$dst/$(dirname "$rel")"
        tmp="$dst/$(dirname "$rel")/.$(basename "$rel").deploy-tmp"
        cp "$src/$rel" "$tmp"
        chmod a+r "$tmp"
        mv -f "$tmp" "$dst/$rel"
    done < <(cd "$src" && find . -type f -print0)
}

publish_static() {
    local version="$1" tmp cid
    case "$MODE" in
        process)
            [[ -n $STATIC_SRC && -n $STATIC_DIR ]] || return 0
            log "static files: $STATIC_SRC -> $STATIC_DIR"
            sync_static "$STATIC_SRC" "$STATIC_DIR"
            ;;
        container)
            STATIC_DIR="${STATIC_DIR:-$COMPOSE_DIR/static}"
            tmp="$(mktemp -d)"
            cid="$(docker create "$version")"
            if docker cp "$cid:/usr/share/tally/static/." "$tmp/"; then
                log "static files: $version -> $STATIC_DIR"
                sync_static "$tmp" "$STATIC_DIR"
            else
                log "WARNING: no /usr/share/tally/static in $version; static files unchanged"
            fi
            docker rm "$cid" >/dev/null
            rm -rf "$tmp"
            ;;
    esac
}

# --- dispatch ---

check_version() { "${MODE:0:1}_check_version" "$@"; }
slot_running() { "${MODE:0:1}_running" "$@"; }
slot_start() { "${MODE:0:1}_start" "$@"; }
slot_healthy() { "${MODE:0:1}_healthy" "$@"; }
slot_stop() { "${MODE:0:1}_stop" "$@"; }
slot_port_busy() { "${MODE:0:1}_port_busy" "$@"; }

# The slot that serves: the recorded one if it runs, else the only one running, else none.
active_slot() {
    local recorded
    recorded="$(cat "$STATE_DIR/active" 2>/dev/null || true)"
    if [[ $recorded == blue || $recorded == green ]] && slot_running "$recorded"; then
        echo "$recorded"
    elif slot_running blue; then
        echo blue
    elif slot_running green; then
        echo green
    fi
    return 0
}

record_active() {
    echo "$1" >"$STATE_DIR/active.tmp"
    mv -f "$STATE_DIR/active.tmp" "$STATE_DIR/active"
}

status() {
    local slot state
    echo "mode: $MODE; active: $(active_slot || true)"
    for slot in blue green; do
        state=stopped
        if slot_running "$slot"; then
            state=running
            if slot_healthy "$slot"; then state="running, ready"; fi
        fi
        echo "$slot ($SLOT_HOST:$(port_of "$slot")): $state; version: $(version_of "$slot")"
    done
}

# ---------------------------------------------------------------------------------------------
# The deploy

deploy() {
    local version="$1" active target deadline
    check_version "$version"

    exec 9>"$STATE_DIR/lock"
    flock -n 9 || die "another deploy is running (lock $STATE_DIR/lock)"

    active="$(active_slot)"
    if [[ -n $active ]]; then target="$(other "$active")"; else target=blue; fi
    log "mode $MODE; serving: ${active:-nothing}; deploying $version to $target"

    if slot_running "$target"; then
        log "$target still runs (an earlier deploy did not finish); stopping it first"
        slot_stop "$target"
    fi
    if slot_port_busy "$target"; then
        die "$SLOT_HOST:$(port_of "$target") is taken by a process this script did not start"
    fi

    # Undo: stop the new version, keep the old one, exit 1.
    abandon() {
        log "FAILED: $1"
        slot_stop "$target"
        if [[ -n $active ]]; then
            record_active "$active"
            log "$active keeps serving $(version_of "$active")"
        fi
        exit 1
    }

    publish_static "$version"
    slot_start "$target" "$version" || abandon "the new version did not start"

    deadline=$((SECONDS + READY_TIMEOUT))
    until slot_healthy "$target"; do
        slot_running "$target" || abandon "the new version exited before it was ready"
        ((SECONDS < deadline)) || abandon "the new version was not ready after ${READY_TIMEOUT}s"
        sleep 0.5
    done
    log "$target is ready"

    if [[ -n $active ]]; then
        log "both slots serve; waiting ${SETTLE}s before stopping $active"
        sleep "$SETTLE"
        slot_healthy "$target" || abandon "the new version stopped answering"
        record_active "$target"
        slot_stop "$active"
    else
        record_active "$target"
    fi
    log "done: $target serves $version"
}

case "$COMMAND" in
    status) status ;;
    *) deploy "$COMMAND" ;;
esac
