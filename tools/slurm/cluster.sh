#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine: for trying the README's sweep array script
# (tools/slurm/sweep-array.sh) and for its test (sim/sweep/slurm.test.ts).
# Needs root and Debian's slurm-wlm (`apt-get install -y slurm-wlm`, which brings munge).
#
#   tools/slurm/cluster.sh up       start munged, slurmctld and slurmd, wait until the node is idle
#                                   (does nothing when this cluster is already up)
#   tools/slurm/cluster.sh down     cancel this cluster's jobs, stop its daemons (does nothing when down)
#   tools/slurm/cluster.sh status   exit 0 and print SLURM_CONF=... when up, exit 3 when down
#
# Everything lives in one folder, IMO_SLURM_DIR (default: $TMPDIR or /tmp, then imo-testbed-slurm):
# its own slurm.conf, munge key and socket, state, spool, logs and pid files, on its own ports
# (IMO_SLURM_PORT and the next one, default 6917-6918). It neither reads nor changes /etc/slurm or
# /etc/munge, and it stops only the processes whose pid files it wrote. `up` starts from a clean
# folder (no jobs or node states left from an earlier run). Point Slurm's commands at it with
#   export SLURM_CONF="$IMO_SLURM_DIR/slurm.conf"
# Exit codes: 0 done, 1 a daemon did not start or stop (its log's tail is printed), 2 this machine
# cannot run it (not root, slurm-wlm not installed, bad argument), 3 `status` found it down.
set -euo pipefail

dir="${IMO_SLURM_DIR:-${TMPDIR:-/tmp}/imo-testbed-slurm}"
port="${IMO_SLURM_PORT:-6917}"
conf="$dir/slurm.conf"
export SLURM_CONF="$conf"

die() { code=$1; shift; echo "tools/slurm/cluster.sh: $*" >&2; exit "$code"; }

usage() { die 2 "usage: tools/slurm/cluster.sh up|down|status (got: ${*:-nothing})"; }

need_engine() {
  [ "$(id -u)" = "0" ] || die 2 "needs root (slurmd runs jobs as their user and munged as munge); run it as root, e.g. with sudo"
  local missing=()
  for bin in munged mungekey slurmctld slurmd sbatch squeue scontrol scancel sinfo; do
    command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || missing+=("$bin")
  done
  [ ${#missing[@]} -eq 0 ] || die 2 "not installed: ${missing[*]}; install Debian's Slurm with: apt-get install -y slurm-wlm"
  id munge >/dev/null 2>&1 || die 2 "no 'munge' user; reinstall munge: apt-get install --reinstall -y munge"
  case "$port" in ''|*[!0-9]*) die 2 "IMO_SLURM_PORT=$port is not a port number";; esac
}

PATH="$PATH:/usr/sbin:/sbin"

# pid_of NAME FILE: the pid in FILE when that process is alive and is NAME, else nothing.
pid_of() {
  local pid
  [ -f "$2" ] || return 0
  pid=$(tr -dc '0-9' < "$2")
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$1" ] && echo "$pid"
  return 0
}

munged_pid() { pid_of munged "$dir/munge/munged.pid"; }
slurmctld_pid() { pid_of slurmctld "$dir/slurmctld.pid"; }
slurmd_pid() { pid_of slurmd "$dir/slurmd.pid"; }

is_up() {
  [ -n "$(munged_pid)" ] && [ -n "$(slurmctld_pid)" ] && [ -n "$(slurmd_pid)" ] || return 1
  scontrol ping 2>/dev/null | grep -q 'is UP' || return 1
  sinfo -h -o '%t' 2>/dev/null | grep -Eq '^(idle|mix|alloc)'
}

tail_log() { [ -f "$1" ] && { echo "--- last lines of $1:" >&2; tail -n 15 "$1" >&2; }; return 0; }

# stop NAME PID LOG: SIGTERM, then SIGKILL after 20 s.
stop() {
  local name=$1 pid=$2 i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 100); do
    [ -d "/proc/$pid" ] || return 0
    sleep 0.2
  done
  echo "tools/slurm/cluster.sh: $name (pid $pid) ignored SIGTERM for 20 s; killing it" >&2
  tail_log "$3"
  kill -KILL "$pid" 2>/dev/null || true
}

down() {
  local i pids
  if [ -n "$(slurmctld_pid)" ]; then
    # Cancel every job of this cluster and wait for their processes to end.
    pids=$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
      # shellcheck disable=SC2086
      scancel $pids 2>/dev/null || true
      for i in $(seq 1 100); do
        [ -z "$(squeue -h -o '%A' 2>/dev/null)" ] && break
        sleep 0.2
      done
    fi
  fi
  stop slurmd "$(slurmd_pid)" "$dir/slurmd.log"
  stop slurmctld "$(slurmctld_pid)" "$dir/slurmctld.log"
  stop munged "$(munged_pid)" "$dir/munge/munged.log"
}

write_conf() {
  local host cpus
  host=$(hostname -s)
  cpus=$(nproc)
  # The README's array script asks for 2 CPUs per task; a 1-CPU machine still runs it, one task at a time.
  [ "$cpus" -ge 2 ] || cpus=2
  cat > "$conf" <<CONF
# Written by tools/slurm/cluster.sh: a single-node cluster for the sweep test.
ClusterName=imo-testbed
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdParameters=config_overrides
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

# wait_for WHAT LOG SECONDS COMMAND...: polls COMMAND every 0.2 s.
wait_for() {
  local what=$1 log=$2 seconds=$3 i
  shift 3
  for i in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "tools/slurm/cluster.sh: $what within $seconds s" >&2
  tail_log "$log"
  down
  exit 1
}

node_ready() { sinfo -h -o '%t' | grep -Eq '^idle$'; }
munge_works() { munge -S "$dir/munge/munge.socket" -n | unmunge -S "$dir/munge/munge.socket"; }

up() {
  if is_up; then
    echo "Slurm is already up: SLURM_CONF=$conf"
    return 0
  fi
  down # whatever is left of an earlier, broken start
  rm -rf "$dir"
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  chmod 0755 "$dir"
  chown munge:munge "$dir/munge"
  chmod 0755 "$dir/munge" # munged wants its socket folder searchable by all; the key stays 0600
  runuser -u munge -- mungekey --create --keyfile="$dir/munge/munge.key" \
    || die 1 "could not create a munge key in $dir/munge"
  runuser -u munge -- munged --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" \
    || { tail_log "$dir/munge/munged.log"; die 1 "munged did not start"; }
  wait_for "munge did not answer" "$dir/munge/munged.log" 10 munge_works
  write_conf
  slurmctld -c -f "$conf" || { tail_log "$dir/slurmctld.log"; down; die 1 "slurmctld did not start"; }
  wait_for "slurmctld did not answer" "$dir/slurmctld.log" 30 sh -c 'scontrol ping | grep -q "is UP"'
  slurmd -f "$conf" || { tail_log "$dir/slurmd.log"; down; die 1 "slurmd did not start"; }
  wait_for "the node did not become idle" "$dir/slurmd.log" 30 node_ready
  echo "Slurm is up: SLURM_CONF=$conf"
}

[ $# -eq 1 ] || usage "$@"
case "$1" in
  up) need_engine; up ;;
  down)
    need_engine
    down
    echo "Slurm is down (logs in $dir)"
    ;;
  status)
    if is_up; then echo "Slurm is up: SLURM_CONF=$conf"; else echo "Slurm is down"; exit 3; fi
    ;;
  *) usage "$@" ;;
esac
