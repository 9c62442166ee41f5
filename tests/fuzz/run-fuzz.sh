#!/usr/bin/env bash
# Builds the fuzz target with clang in its own build directory and runs it for a bounded time.
# Usage: run-fuzz.sh <build dir> [seconds, default 60] [extra libFuzzer options...]
# Seeds: the golden API and stream inputs (tests/unit/data/*/*.json) and the hostile pages of seeds/ (nesting, huge numbers,
# bytes that are not UTF-8, a foreign next link); the corpus grown from them stays in <build dir>/corpus.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1
seconds=${2:-60}
shift $(( $# < 2 ? $# : 2 ))

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
cmake -S "$here" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build"

mkdir -p "$build/corpus"
rm -rf "$build/seeds"
mkdir -p "$build/seeds"
for schema in graph alerts siem incidents stream; do
  for input in "$here/../unit/data/$schema"/*.json; do cp "$input" "$build/seeds/$schema-$(basename "$input")"; done
done
cp "$here"/seeds/*.json "$build/seeds/"

"$build/defender-fuzz" -max_total_time="$seconds" -dict="$here/alert.dict" -artifact_prefix="$build/" \
  -print_final_stats=1 "$@" "$build/corpus" "$build/seeds"
