#!/bin/bash
# Do two builds find the same things? Runs `lockstep fuzz --json --keep-going` on four profiles x 2000
# seeds of the random workload and two x 1000 of the sequential one, in this checkout and in another
# (built) checkout, and compares the JSON reports (timings and paths aside) and the decoded traces.
# Every performance change must leave this printing SAME.
# Usage: bash bench/same-results.sh <other-checkout>   e.g. git worktree add /tmp/base HEAD~3 && (cd /tmp/base && npm install)
set -u
here=$(cd "$(dirname "$0")/.." && pwd); other=$(cd "$1" && pwd); out=$(mktemp -d)
run() { # checkout dir
  for p in none realistic adversarial swarm; do (cd "$1" && node bin/lockstep.js fuzz --profile $p --seeds 2000 --keep-going --json --time 60m --out "$2/tr-$p" > "$2/$p.json" 2>/dev/null); done
  for p in realistic adversarial; do (cd "$1" && node bin/lockstep.js fuzz --profile $p --seeds 1000 --keep-going --json --time 60m --model-options '{"workload":"sequential"}' --out "$2/tr-seq-$p" > "$2/seq-$p.json" 2>/dev/null); done
}
mkdir -p "$out/a" "$out/b"; run "$other" "$out/a"; run "$here" "$out/b"
same=1
for f in none realistic adversarial swarm seq-realistic seq-adversarial; do
  node "$here/bench/same-report.js" "$out/a/$f.json" "$out/b/$f.json" || { echo "DIFFERENT: $f report"; same=0; }
done
for d in $(cd "$out/a" && ls -d tr-* 2>/dev/null); do
  node "$here/bench/compare-traces.js" "$out/a/$d" "$out/b/$d" >/dev/null || { echo "DIFFERENT: $d traces"; same=0; }
done
rm -rf "$out"
[ $same = 1 ] && echo "SAME: fuzz reports and decoded traces identical (4 profiles x 2000 random seeds, 2 x 1000 sequential)"
[ $same = 1 ]
