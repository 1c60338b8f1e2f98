#!/bin/bash
# A sweep on Slurm: a job array with one shard per task, then a merge that waits for it.
# From the repository's root (after `npm ci && npm run build:contracts`), submit both with:
#   bash tools/slurm/sweep-array.sh
# It prints the two job ids. IMO_SWEEP (the sweep file), IMO_SHARDS (a folder for the shards and the
# logs) and IMO_MERGED (the merged sweep) change the defaults below; sbatch passes them on to the jobs.
#SBATCH --job-name=imo-sweep
#SBATCH --array=0-2
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
set -eu
sweep="${IMO_SWEEP:-scenarios/sweeps/challenge-window-vs-latency.yaml}"
shards="${IMO_SHARDS:-reports/sweeps/cwl-shards}"
merged="${IMO_MERGED:-reports/sweeps/cwl}"

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # Not inside the array: submit it, then the merge. afterany, not afterok: a shard with a failed job
  # exits 1, and the merge should still run and report it.
  mkdir -p "$shards"
  array=$(sbatch --parsable --output="$shards/imo-sweep-%A_%a.log" "$0")
  merge=$(sbatch --parsable --job-name=imo-sweep-merge --dependency="afterany:${array%;*}" \
    --output="$shards/imo-sweep-merge-%j.log" \
    --wrap "node bin/imo-sim.mjs merge '$shards/shard-0' '$shards/shard-1' '$shards/shard-2' --out '$merged'")
  echo "array job ${array%;*}, merge job ${merge%;*}"
  exit 0
fi

# One task of the array: shard i of 3 (0-based, as the array numbers its tasks).
cd "${SLURM_SUBMIT_DIR:-.}"
node bin/imo-sim.mjs sweep "$sweep" \
  --out "$shards/shard-${SLURM_ARRAY_TASK_ID}" \
  --parallel "${SLURM_CPUS_PER_TASK:-2}" --shard "${SLURM_ARRAY_TASK_ID}/3"
