#!/usr/bin/env bash
# Runs every test project (unit, sound, CLI, real JACK) in Release, one after the other (the JACK tests
# want the CPU to themselves), and prints one summary line from the TRX results:
#   tests: N passed, N failed
# Extra arguments go to every `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$PWD/TestResults"
rm -rf "$results"
status=0
# A jackd killed earlier (a crashed test run) leaves its slot in libjack's shared registry, which holds few
# servers; with no jackd running at all, the registry is stale and safe to clear.
if ! pgrep -x jackd >/dev/null 2>&1 && ! pgrep -x jackdbus >/dev/null 2>&1; then
  rm -f /dev/shm/jack-shm-registry /dev/shm/jack_sem.* 2>/dev/null || true
fi
dotnet build MidiSampler.slnx -c Release -nologo -v quiet || status=$?
if [ "$status" -eq 0 ]; then
  # Soak tests (30 s of live JACK playing that must see no xrun) need a machine whose JACK server itself keeps time:
  # MIDISAMPLER_SOAK=1 runs them too.
  filter=(--filter "Category!=Soak")
  [ "${MIDISAMPLER_SOAK:-0}" = "1" ] && filter=()
  # A test that hangs aborts its project after 10 minutes, naming the test, instead of stalling the whole run.
  hang=(--blame-hang-timeout 10m --blame-hang-dump-type none)
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "${filter[@]}" "${hang[@]}" "$@" || status=$?
  done
  # The DSP kernels again with AVX2, then AVX, switched off (as ImageSharp's CI does): the JIT then runs the
  # Vector128 paths (what arm64's NEON runs) and the scalar fallbacks that AVX2 hides on this machine. Without AVX2
  # the engine's sound tests run too, so the Vector128 voice kernel renders real notes (about a minute).
  env DOTNET_EnableAVX2=0 dotnet test tests/MidiSampler.Tests/MidiSampler.Tests.csproj -c Release --no-build -nologo \
    --logger "trx;LogFileName=MidiSampler.Tests.noAVX2.trx" --results-directory "$results" \
    --filter "FullyQualifiedName~MidiSampler.Tests.Dsp|FullyQualifiedName~MidiSampler.Tests.Engine" "$@" || status=$?
  env DOTNET_EnableAVX=0 dotnet test tests/MidiSampler.Tests/MidiSampler.Tests.csproj -c Release --no-build -nologo \
    --logger "trx;LogFileName=MidiSampler.Tests.noAVX.trx" --results-directory "$results" \
    --filter "FullyQualifiedName~MidiSampler.Tests.Dsp" "$@" || status=$?
fi
# A short coverage-guided fuzz of every parser (docs/hardening.md): about a minute in all; a crash or hang fails the run.
if [ "$status" -eq 0 ] && [ "${MIDISAMPLER_FUZZ_SMOKE:-1}" = "1" ] && command -v afl-fuzz >/dev/null 2>&1; then
  MIDISAMPLER_FUZZ_SMOKE_SECONDS=${MIDISAMPLER_FUZZ_SMOKE_SECONDS:-10} scripts/fuzz.sh smoke || status=$?
fi
passed=0; failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
