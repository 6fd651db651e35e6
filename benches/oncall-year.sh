#!/usr/bin/env bash
# A year of on-call: plans N consecutive rotas of a team with `plan --after`
# (the release binary), then checks them all and prints the ledger. Prints a
# Markdown table per rota (status, gap, uncovered, holders, comp days, wall
# time, peak memory) and the on-call count per agent; results go in
# BENCHMARKS.md.
#
# usage: benches/oncall-year.sh [ROTAS=13] [TIME_LIMIT=30]
#
# The team is examples/follow-the-sun.toml (12 agents, 24/7, three hubs) with
# an emergency phone (weekly, Monday 09:00 Dublin, phone skill, no back to
# back) and half a comp day per weekend shift.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-13}
limit=${2:-30}
cargo build --release --locked --quiet
bin=target/release/sunrota
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/rotas"
cfg="$dir/team.toml"
cat examples/follow-the-sun.toml - > "$cfg" <<'EOF'

[oncall.phone]
handoff = "Mon 09:00"
zone = "Europe/Dublin"
skill = "phone"
max_per_year = 10
active = "Mon-Fri 18:00-08:00"

[comp]
weekend_credit = 0.5
window_weeks = 4
EOF

field() { sed -n "s/^$1 = //p" "$2" | head -1 | tr -d '"'; }

echo "| rota | start | status | gap % | uncovered agent-min | holders | comp days taken | plan s | peak RSS MiB |"
echo "|--:|---|---|--:|--:|--:|--:|--:|--:|"
total=0
for i in $(seq -w 1 "$n"); do
  after=()
  if [ "$i" != "$(printf '%0*d' ${#n} 1)" ]; then after=(--after "$dir/rotas"); fi
  out="$dir/rotas/r$i.toml"
  /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" plan "$cfg" "${after[@]}" -o "$out" \
    --time-limit "$limit" --no-suggest > /dev/null 2> "$dir/err" || { cat "$dir/err"; exit 1; }
  read -r secs kib < "$dir/time"
  total=$(echo "$total + $secs" | bc)
  holds=$(grep -c '{ duty = ' "$out" || true)
  comp=$(sed -n '/^taken = \[/,/^\]/p' "$out" | grep -c '{ agent' || true)
  echo "| $i | $(field start "$out") | $(field status "$out") | $(field gap_percent "$out") | $(field uncovered_agent_minutes "$out") | $holds | $comp | $secs | $((kib / 1024)) |"
done
echo
echo "Planning total: ${total} s"
start=$(date +%s.%N)
"$bin" check "$cfg" "$dir"/rotas/*.toml > "$dir/check" && status=0 || status=$?
end=$(date +%s.%N)
echo "check of all $n rotas: exit $status, $(echo "$end - $start" | bc | cut -c1-5) s, $(grep -c 'error\[' "$dir/check" || true) violation(s), $(grep -c ': gap:' "$dir/check" || true) gap(s)"
start=$(date +%s.%N)
"$bin" ledger "$cfg" "$dir/rotas" > "$dir/ledger" && status=0 || status=$?
end=$(date +%s.%N)
echo "ledger: exit $status, $(echo "$end - $start" | bc | cut -c1-5) s"
echo
cat "$dir/ledger"
