#!/usr/bin/env bash
# `digest --jsonl` as an Apache Spark `RDD.pipe` stage, in local mode.
# A manual benchmark and integration check (not part of CI):
#
#   bash benches/spark_pipe.sh                      # 3000 generated pages
#   bash benches/spark_pipe.sh "" 500               # 500 generated pages
#   bash benches/spark_pipe.sh pages.jsonl [N]      # your {"id","text"} lines (first N)
#
# With no input it makes its own: pages stitched from examples/data/page_*.md,
# each with renumbered headings and a numbered line so that no two are alike;
# ids alternate between numbers and "p-<n>" strings.
#
# Set-up (idempotent): a venv outside the repository ($SPARK_VENV, default
# $HOME/.spark-venv) with pyspark from PyPI; a Java runtime from Debian when
# `java` is missing or too old for that pyspark; the digest binary when it is
# missing (DIGEST_BIN overrides its path).
#
# For local[1] and local[2] (partitions = 2 x workers) it times, after one
# full-size warm-up, `rdd.pipe("digest --jsonl --threads 1")` and
# `rdd.pipe("cat")` over a cached input RDD (wall clock of the pipe + collect,
# JVM start excluded; the median of SPARK_PIPE_REPEATS runs, default 3, as
# single runs on this machine wander a lot), and checks after every run that
# each input id came back exactly once, in order, with an `articles` list.
# Exits non-zero if any check fails.
set -euo pipefail

say() { echo "spark_pipe: $*" >&2; }
die() { say "error: $*"; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
input=${1:-}
n_pages=${2:-}
venv=${SPARK_VENV:-$HOME/.spark-venv}
digest_bin=${DIGEST_BIN:-$repo/target/release/examples/digest}

if [[ -n $n_pages && ! $n_pages =~ ^[1-9][0-9]*$ ]]; then
    die "N_PAGES must be a positive whole number, not '$n_pages'"
fi
if [[ -n $input ]]; then
    [[ -f $input ]] || die "no such input file: $input"
    input=$(cd "$(dirname "$input")" && pwd)/$(basename "$input")
fi
case "$(cd "$(dirname "$venv")" 2>/dev/null && pwd)/$(basename "$venv")/" in
    "$repo"/*) die "SPARK_VENV ($venv) must lie outside the repository" ;;
esac

# --- Java ---------------------------------------------------------------------
# pyspark 4 needs Java 17 or newer (pyspark 3.5 ran on 8, 11 and 17).
java_major() { # prints the major version of the `java` given, or nothing
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)\(\.\([0-9]*\)\)\{0,1\}.*/\1 \3/p' | head -n 1 |
        awk '{print ($1 == 1) ? $2 : $1}'
}
need_java=17
have_java=""
if command -v java > /dev/null; then
    have_java=$(java_major java)
    say "found $(java -version 2>&1 | head -n 1)"
fi
if [[ -z $have_java || $have_java -lt $need_java ]]; then
    say "no Java $need_java+ found; installing a headless JRE from Debian"
    command -v apt-get > /dev/null || die "no apt-get: install a Java $need_java+ runtime yourself"
    apt-get update -qq
    pkg=""
    for p in openjdk-17-jre-headless openjdk-21-jre-headless openjdk-25-jre-headless default-jre-headless; do
        cand=$(apt-cache policy "$p" 2> /dev/null | awk '/Candidate:/ {print $2}')
        if [[ -n $cand && $cand != "(none)" ]]; then pkg=$p; break; fi
    done
    [[ -n $pkg ]] || die "apt-cache policy shows no openjdk-{17,21,25}-jre-headless"
    say "apt-get install -y $pkg"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" > /dev/null
    # Use the newest JVM now installed, whatever `java` the PATH finds first.
    jvm=$(ls -d /usr/lib/jvm/java-*-openjdk-* 2> /dev/null | sort -V | tail -n 1)
    [[ -n $jvm && -x $jvm/bin/java ]] || die "installed $pkg but found no JVM under /usr/lib/jvm"
    export JAVA_HOME=$jvm PATH=$jvm/bin:$PATH
    have_java=$(java_major java)
    [[ $have_java -ge $need_java ]] || die "Java $have_java is too old for pyspark (needs $need_java+)"
fi
java_version=$(java -version 2>&1 | head -n 1)

# --- pyspark in a venv ----------------------------------------------------------
if [[ ! -x $venv/bin/python ]]; then
    say "creating venv $venv"
    python3 -m venv "$venv"
fi
py=$venv/bin/python
if ! "$py" -c 'import pyspark' 2> /dev/null; then
    say "pip install pyspark into $venv (a few hundred MB; takes a while)"
    "$py" -m pip install --quiet pyspark
fi
pyspark_version=$("$py" -c 'import pyspark; print(pyspark.__version__)')

# --- the digest binary ----------------------------------------------------------
if [[ ! -x $digest_bin ]]; then
    say "building $digest_bin"
    (cd "$repo" && cargo build --release --example digest)
    [[ -x $digest_bin ]] || die "cargo built no $digest_bin"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/spark_pipe.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A direct run on one page first, for a clear error if the binary is broken.
printf '{"id":0,"text":"# 标题\\n\\n本报讯 市政府召开会议，研究部署冬季民生保障工作。"}\n' > "$work/probe.jsonl"
if ! "$digest_bin" --jsonl --threads 1 < "$work/probe.jsonl" > "$work/probe.out" 2> "$work/probe.err"; then
    cat "$work/probe.err" >&2
    die "$digest_bin --jsonl fails on a one-page input (stale build? rebuild with cargo build --release --example digest)"
fi

say "pyspark $pyspark_version, $java_version"
say "digest: $digest_bin"

# --- the driver -------------------------------------------------------------------
cat > "$work/driver.py" << 'PY'
import glob, json, os, re, shlex, sys, time
from collections import Counter

repo, digest_bin, work, input_path, n_pages = sys.argv[1:6]
n_pages = int(n_pages) if n_pages else None
repeats = int(os.environ.get("SPARK_PIPE_REPEATS") or 3)
lines_path = os.path.join(work, "input.jsonl")


def make_pages(n):
    """n distinct pages stitched from the repository's sample pages."""
    samples = [open(p, encoding="utf-8").read().strip()
               for p in sorted(glob.glob(os.path.join(repo, "examples/data/page_*.md")))]
    if not samples:
        sys.exit("spark_pipe: error: no examples/data/page_*.md in " + repo)
    lines = []
    for i in range(1, n + 1):
        k = 1 + i % len(samples)               # 1 to 3 sample pages per page
        parts = [samples[(i + j) % len(samples)] for j in range(k)]
        heads = 0

        def renumber(m):
            nonlocal heads
            heads += 1
            return f"{m.group(1)} {m.group(2)}（第{i}期之{heads}）"

        body = re.sub(r"(?m)^(#{1,3}) (.+)$", renumber, "\n\n".join(parts))
        text = f"第{i}期 本报编号{i:06d}，共{k}版。\n\n{body}\n"
        pid = i if i % 2 == 0 else f"p-{i}"
        lines.append(json.dumps({"id": pid, "text": text}, ensure_ascii=False))
    return lines


if input_path:
    with open(input_path, encoding="utf-8") as f:
        lines = [l.rstrip("\r\n") for l in f if l.strip()]
    if n_pages is not None:
        lines = lines[:n_pages]
    for no, l in enumerate(lines, 1):
        try:
            ok = isinstance(json.loads(l), dict) and "id" in json.loads(l)
        except ValueError:
            ok = False
        if not ok:
            sys.exit(f"spark_pipe: error: input line {no} is not a JSON object with an id")
else:
    lines = make_pages(n_pages or 3000)
if not lines:
    sys.exit("spark_pipe: error: no input lines")
with open(lines_path, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")

key = lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)  # 1 and "1" differ
in_ids = [key(json.loads(l)["id"]) for l in lines]
in_bytes = sum(len(l.encode("utf-8")) + 1 for l in lines)
print(f"input: {len(lines)} pages, {in_bytes / 1e6:.1f} MB, "
      f"{len(set(in_ids))} distinct ids" + (f" from {input_path}" if input_path else " (generated)"),
      file=sys.stderr, flush=True)

from pyspark import SparkConf, SparkContext


def check(kind, out):
    """Problems with one collected output, as a list of strings (empty: all good)."""
    problems = []
    if len(out) != len(lines):
        problems.append(f"{len(out)} output lines for {len(lines)} input lines")
    if kind == "cat":
        if sorted(out) != sorted(lines):
            problems.append("cat changed the lines")
        elif out != lines:
            problems.append("lines came back out of order")
        return problems
    ids, bad = [], 0
    for l in out:
        try:
            o = json.loads(l)
        except ValueError:
            bad += 1
            continue
        if not isinstance(o, dict) or "id" not in o or not isinstance(o.get("articles"), list):
            bad += 1
            continue
        ids.append(key(o["id"]))
    if bad:
        problems.append(f"{bad} output lines without an id and an articles list")
    if sorted(ids) != sorted(in_ids):
        got, want = Counter(ids), Counter(in_ids)
        missing, extra = sum((want - got).values()), sum((got - want).values())
        problems.append(f"ids differ from the input's: {missing} missing, {extra} unexpected or repeated")
    elif ids != in_ids:
        problems.append("ids came back out of order")
    return problems


pipes = [
    ("digest", " ".join(map(shlex.quote, [digest_bin, "--jsonl", "--threads", "1"]))),
    ("cat", "cat"),
]
child_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
rows, failures = [], []
sc = None
for workers in (1, 2):
    parts = 2 * workers
    conf = (SparkConf().setMaster(f"local[{workers}]").setAppName("jianbao-spark-pipe")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.memory", "4g")
            .set("spark.driver.maxResultSize", "2g")
            .set("spark.local.dir", os.path.join(work, "spark-local")))
    sc = SparkContext(conf=conf)      # the JVM starts with the first one only
    sc.setLogLevel("WARN")
    rdd = sc.textFile("file://" + lines_path, parts)
    if rdd.getNumPartitions() > parts:
        rdd = rdd.coalesce(parts)    # keeps the order, unlike repartition
    rdd = rdd.cache()
    if rdd.count() != len(lines):
        failures.append(f"local[{workers}]: Spark read {rdd.count()} lines, not {len(lines)}")
    print(f"local[{workers}]: {rdd.getNumPartitions()} partitions", file=sys.stderr, flush=True)
    for kind, cmd in pipes:
        out = rdd.pipe(cmd, env=child_env, checkCode=True).collect()  # warm-up, checked too
        problems = set(check(kind, out))
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            out = rdd.pipe(cmd, env=child_env, checkCode=True).collect()
            times.append(time.perf_counter() - t0)
            problems |= set(check(kind, out))
        failures += [f"{kind} local[{workers}]: {p}" for p in sorted(problems)]
        secs = sorted(times)[(len(times) - 1) // 2]       # median (lower one for even counts)
        rows.append((kind, workers, len(out), secs, len(lines) / secs, in_bytes / 1e6 / secs,
                     "no" if problems else "yes", min(times), max(times)))
        print(f"{kind} local[{workers}]: " + " ".join(f"{t:.2f}" for t in times) + " s",
              file=sys.stderr, flush=True)
    rdd.unpersist()
    sc.stop()

print()
print(f"median of {repeats} timed run(s) after one warm-up; input MB/s")
print(f"{'pipe':<8} {'workers':>7} {'pages':>7} {'seconds':>8} {'pages/s':>9} {'MB/s':>7}  {'ids ok':<6}  runs (s)")
for kind, w, n, s, pps, mbs, ok, lo, hi in rows:
    print(f"{kind:<8} {w:>7} {n:>7} {s:>8.2f} {pps:>9.1f} {mbs:>7.2f}  {ok:<6}  {lo:.2f}-{hi:.2f}")
digest = {r[1]: r[3] for r in rows if r[0] == "digest"}
cat = {r[1]: r[3] for r in rows if r[0] == "cat"}
print(f"\ndigest 1 / 2 workers (wall): {digest[1] / digest[2]:.2f}x; "
      f"Spark + cat share of the digest stage: {cat[1] / digest[1]:.0%} at 1 worker, "
      f"{cat[2] / digest[2]:.0%} at 2")
if failures:
    print("\nFAILED checks:", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print("all checks passed")
PY

export PYSPARK_PYTHON=$py PYSPARK_DRIVER_PYTHON=$py SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
echo "pyspark $pyspark_version | $java_version | digest $digest_bin"
# Run from the temp dir so nothing Spark writes lands in the repository.
(cd "$work" && "$py" "$work/driver.py" "$repo" "$digest_bin" "$work" "$input" "$n_pages")
