#!/usr/bin/env bash
# Whole-process speed of the examples against jieba-rs alone (the `segment`
# example), as the README's Performance table reports it.
#
#   python3 benches/inputs.py ../shared/data /tmp/speed   # build the inputs once
#   bash benches/speed.sh /tmp/speed [ROUNDS]
#
# CPU time (user + system) and peak memory come from GNU time; every round
# runs each job once, interleaved, and medians are printed (this machine's
# timings wander by ±20% from run to run, so single runs say little).
set -euo pipefail
dir=${1:?input directory from benches/inputs.py}
rounds=${2:-9}
cargo build --release --examples --quiet
bin=target/release/examples

# run CMD...: runs CMD once and prints "cpu_ms wall_ms peak_mb".
run() {
    /usr/bin/time -f "%U %S %e %M" -o /tmp/speed.time "$@" > /dev/null
    awk '{printf "%.0f %.0f %.0f\n", ($1 + $2) * 1000, $3 * 1000, $4 / 1024}' /tmp/speed.time
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

declare -A cpu wall rss
jobs=(
    "jieba_loop|$bin/jieba_loop $dir/news.jsonl"
    "segment|$bin/segment --jsonl $dir/news.jsonl --threads 1"
    "summarize|$bin/summarize --jsonl $dir/news.jsonl --sentences 2 --threads 1"
    "digest|$bin/digest --jsonl $dir/news.jsonl --threads 1"
    "digest_2_threads|$bin/digest --jsonl $dir/news.jsonl --threads 2"
    "page_segment|$bin/segment $dir/page10mb.md"
    "page_digest|$bin/digest $dir/page10mb.md --threads 1"
    "page_digest_2_threads|$bin/digest $dir/page10mb.md --threads 2"
    "article_segment|$bin/segment $dir/article20k.md"
    "article_summarize|$bin/summarize $dir/article20k.md --sentences 3"
    "article_digest|$bin/digest $dir/article20k.md --threads 1"
    "flood_digest|$bin/digest $dir/flood.md --threads 1"
    "flood_control_digest|$bin/digest $dir/flood_control.md --threads 1"
    "cold_segment|$bin/segment examples/data/page_front.md"
    "cold_digest|$bin/digest examples/data/page_front.md"
)
for ((r = 1; r <= rounds; r++)); do
    for job in "${jobs[@]}"; do
        name=${job%%|*}
        read -r c w m < <(run ${job#*|})
        cpu[$name]+="$c "
        wall[$name]+="$w "
        rss[$name]+="$m "
    done
    echo "round $r of $rounds done" >&2
done
declare -A med_cpu med_wall
printf "%-24s %10s %10s %8s\n" job "cpu ms" "wall ms" "peak MB"
for job in "${jobs[@]}"; do
    name=${job%%|*}
    med_cpu[$name]=$(tr ' ' '\n' <<< "${cpu[$name]}" | grep . | median)
    med_wall[$name]=$(tr ' ' '\n' <<< "${wall[$name]}" | grep . | median)
    printf "%-24s %10s %10s %8s\n" "$name" "${med_cpu[$name]}" "${med_wall[$name]}" \
        "$(tr ' ' '\n' <<< "${rss[$name]}" | grep . | median)"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
# Median over the rounds of each round's own ratio (the two jobs of a
# round ran seconds apart, so this cancels slow drifts of the machine),
# then the lowest and highest round.
per_round() {
    paste <(tr ' ' '\n' <<< "$1" | grep .) <(tr ' ' '\n' <<< "$2" | grep .) |
        awk '{print $1 / $2}' | sort -n |
        awk '{r[NR] = $1} END {printf "%.2f (rounds %.2f-%.2f)", r[int((NR + 1) / 2)], r[1], r[NR]}'
}
echo
echo "                                  medians  per round"
echo "segment / bare jieba loop (CPU):   $(ratio "${med_cpu[segment]}" "${med_cpu[jieba_loop]}")  $(per_round "${cpu[segment]}" "${cpu[jieba_loop]}")"
echo "summarize / segment (CPU):         $(ratio "${med_cpu[summarize]}" "${med_cpu[segment]}")  $(per_round "${cpu[summarize]}" "${cpu[segment]}")"
echo "summarize / bare jieba loop (CPU): $(ratio "${med_cpu[summarize]}" "${med_cpu[jieba_loop]}")  $(per_round "${cpu[summarize]}" "${cpu[jieba_loop]}")"
echo "digest / segment (CPU):            $(ratio "${med_cpu[digest]}" "${med_cpu[segment]}")  $(per_round "${cpu[digest]}" "${cpu[segment]}")"
echo "digest 1 / 2 threads (wall):       $(ratio "${med_wall[digest]}" "${med_wall[digest_2_threads]}")  $(per_round "${wall[digest]}" "${wall[digest_2_threads]}")"
echo "10 MB page digest / segment (CPU): $(ratio "${med_cpu[page_digest]}" "${med_cpu[page_segment]}")  $(per_round "${cpu[page_digest]}" "${cpu[page_segment]}")"
echo "20 000-sentence summary / segment: $(ratio "${med_cpu[article_summarize]}" "${med_cpu[article_segment]}")  $(per_round "${cpu[article_summarize]}" "${cpu[article_segment]}")"
echo "crafted flood / control digest:    $(ratio "${med_cpu[flood_digest]}" "${med_cpu[flood_control_digest]}")  $(per_round "${cpu[flood_digest]}" "${cpu[flood_control_digest]}")"
