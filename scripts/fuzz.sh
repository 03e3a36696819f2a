#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers with afl++ and SharpFuzz (docs/hardening.md).
#   scripts/fuzz.sh TARGET SECONDS   fuzz one target (midi, wav, sfz, sf2, sndfile) for SECONDS
#   scripts/fuzz.sh all SECONDS      every target, SECONDS each, one after the other
#   scripts/fuzz.sh smoke            the CI smoke run: every target for MIDISAMPLER_FUZZ_SMOKE_SECONDS (default 12) each
# Findings go to fuzz/findings/TARGET (crashes/, hangs/, queue/); each run prints its figures from afl's fuzzer_stats.
# The exit status is 1 when a run found a crash or a hang: every finding must become a regression test
# (replay one with: dotnet fuzz/.work/plain/MidiSampler.Fuzz.dll run TARGET FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(midi wav sfz sf2 sndfile)
target=${1:?usage: scripts/fuzz.sh TARGET|all|smoke [SECONDS]}
seconds=${2:-60}
if [ "$target" = smoke ]; then
  target=all
  seconds=${MIDISAMPLER_FUZZ_SMOKE_SECONDS:-12}
fi
command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing (apt install afl++)" >&2; exit 2; }

work=fuzz/.work
dotnet build fuzz/MidiSampler.Fuzz/MidiSampler.Fuzz.csproj -c Release -nologo -v quiet -o "$work/plain" >/dev/null
# The instrumented copy: SharpFuzz rewrites the engine assembly to report its branches to afl (the plain copy stays
# uninstrumented, for replaying findings and for the soak).
rm -rf "$work/instrumented"
cp -r "$work/plain" "$work/instrumented"
dotnet tool restore >/dev/null
dotnet sharpfuzz "$work/instrumented/MidiSampler.dll" >/dev/null

# afl++ settings for a .NET target on a shared machine: the target binary is `dotnet` (not afl-instrumented itself),
# the runtime starts slowly, no core binding, no CPU governor or core_pattern demands.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=30000 AFL_QUIET=1
export DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1

run() {
  local name=$1 out="fuzz/findings/$1"
  mkdir -p "$out"
  # -V: stop after SECONDS; -t: 2 s an input (a slow input is a hang finding); -m none: the runtime maps a lot.
  # With an earlier run's queue present, continue from it (-i -) rather than from the seeds.
  local input="fuzz/seeds/$name"
  [ -f "$out/default/fuzzer_stats" ] && input=-
  afl-fuzz -i "$input" -o "$out" -V "$seconds" -t 2000 -m none -- dotnet "$work/instrumented/MidiSampler.Fuzz.dll" fuzz "$name" >"$out/afl.log" 2>&1 || {
    echo "fuzz: $name: afl-fuzz failed; see $out/afl.log" >&2; tail -n 20 "$out/afl.log" >&2; return 1; }
  local stats="$out/default/fuzzer_stats"
  local execs edges cover crashes hangs paths
  execs=$(sed -n 's/^execs_done *: //p' "$stats")
  edges=$(sed -n 's/^edges_found *: //p' "$stats")
  cover=$(sed -n 's/^bitmap_cvg *: //p' "$stats")
  paths=$(sed -n 's/^corpus_count *: //p' "$stats")
  crashes=$(sed -n 's/^saved_crashes *: //p' "$stats")
  hangs=$(sed -n 's/^saved_hangs *: //p' "$stats")
  echo "fuzz: $name: ${seconds} s, $execs inputs, $edges edges ($cover of the map), corpus $paths, crashes $crashes, hangs $hangs"
  [ "${crashes:-0}" -eq 0 ] && [ "${hangs:-0}" -eq 0 ]
}

status=0
if [ "$target" = all ]; then
  for t in "${targets[@]}"; do run "$t" || status=1; done
else
  run "$target" || status=1
fi
exit $status
