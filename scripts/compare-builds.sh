#!/usr/bin/env bash
# Measures the NativeAOT `midi-sampler` against the ReadyToRun/JIT build (what ./midi-sampler built before) in one run
# on this machine, runs of the two interleaved so that both see the same load:
#   - start-up: wall time of `midi-sampler --version` (the runtime's start and the command line), median of RUNS;
#   - render: wall and CPU (user + sys) time of the banjo example, median of RUNS;
#   - bench: `midi-sampler bench` (ns per voice per sample, voices per core), RUNS times each;
#   - the first note through JACK: `play` on a private dummy jackd (48 kHz, 128-frame periods, 2.67 ms), one note from
#     jack_midiseq (a 0.5 s loop), and the longest period before and after it (the console's `stats`), for an SFZ and a SoundFont.
# usage: scripts/compare-builds.sh [RUNS]   (builds both into artifacts/compare/ first; SKIP_BUILD=1 reuses them)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=artifacts/compare
# shared/ (the instruments) lies beside the clone, or beside the folder of worktrees.
shared=$(cd .. && pwd)/shared
[ -d "$shared" ] || shared=$(cd ../.. && pwd)/shared
sfz="$shared/instruments/ganjo/ganjo.sfz"
sf2="$shared/sf2/VintageDreamsWaves-v2.sf2"
project=src/MidiSampler.Cli/MidiSampler.Cli.csproj
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -nologo -v quiet
  dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" -nologo -v quiet
fi
builds=(aot r2r)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "== start-up: midi-sampler --version, wall seconds (median of $runs)"
for ((i = 0; i < runs; i++)); do
  for b in "${builds[@]}"; do
    /usr/bin/time -f "%e" -o "$tmp/t" "$out/$b/midi-sampler" --version >/dev/null
    cat "$tmp/t" >>"$tmp/start.$b"
  done
done
for b in "${builds[@]}"; do echo "$b $(median <"$tmp/start.$b")"; done

echo "== render: banjo example, wall and CPU (user+sys) seconds (median of $runs)"
for ((i = 0; i < runs; i++)); do
  for b in "${builds[@]}"; do
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$out/$b/midi-sampler" render "$sfz" examples/banjo-rolls.mid -o "$tmp/banjo.$b.wav" >/dev/null 2>&1
    read -r wall user sys <"$tmp/t"
    echo "$wall" >>"$tmp/rwall.$b"
    awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}' >>"$tmp/rcpu.$b"
  done
done
for b in "${builds[@]}"; do echo "$b wall $(median <"$tmp/rwall.$b") cpu $(median <"$tmp/rcpu.$b")"; done
cmp -s <(tail -c +45 "$tmp/banjo.aot.wav") <(tail -c +45 "$tmp/banjo.r2r.wav") && echo "renders: identical samples" || echo "renders: differ"

echo "== bench: 256 voices, cubic, 128-frame blocks ($runs runs each)"
for ((i = 0; i < runs; i++)); do
  for b in "${builds[@]}"; do
    echo "$b $("$out/$b/midi-sampler" bench --voices 256 --seconds 1 2>/dev/null | grep -m1 -i 'ns' || true)"
  done
done

echo "== first note through JACK (48 kHz, 128 frames = 2667 us): longest period before / after the first note, us"
server="compare-builds-$$"
export JACK_DEFAULT_SERVER=$server JACK_NO_START_SERVER=1 JACK_NO_AUDIO_RESERVATION=1
jackd -n "$server" -d dummy -r 48000 -p 128 >"$tmp/jackd.log" 2>&1 &
jackd_pid=$!
trap 'kill $jackd_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do jack_lsp >/dev/null 2>&1 && break; sleep 0.2; done
max_us() { grep -o 'max [0-9]* us' "$1" | tail -n 1 | grep -o '[0-9]*'; }
peak() { grep -o 'peak level [0-9.]*' "$1" | tail -n 1 | grep -o '[0-9.]*$'; }
for instrument in "$sfz" "$sf2"; do
  for b in "${builds[@]}"; do
    log="$tmp/play.$b.log"
    mkfifo "$tmp/in"
    "$out/$b/midi-sampler" play "$instrument" --no-start-server --client-name ms <"$tmp/in" >"$log" 2>&1 &
    play_pid=$!
    exec 3>"$tmp/in"
    for _ in $(seq 100); do jack_lsp 2>/dev/null | grep -q '^ms:midi_in' && break; sleep 0.1; done
    sleep 1
    echo stats >&3; sleep 0.5
    before=$(max_us "$log")
    jack_midiseq seq 24000 0 60 12000 >/dev/null 2>&1 &
    seq_pid=$!
    for _ in $(seq 50); do jack_connect seq:out ms:midi_in 2>/dev/null && break; sleep 0.1; done
    sleep 1.5
    echo stats >&3; sleep 0.5
    after=$(max_us "$log")
    level=$(peak "$log")
    kill "$seq_pid" 2>/dev/null || true
    echo quit >&3; exec 3>&-
    wait "$play_pid" 2>/dev/null || true
    rm -f "$tmp/in"
    echo "$(basename "$instrument") $b before ${before:-?} after ${after:-?} (peak level after ${level:-?})"
  done
done
