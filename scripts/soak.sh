#!/usr/bin/env bash
# The random-play soak (docs/hardening.md): random MIDI through one sampler, as fast as it renders, for SECONDS of
# wall time (default 1800, 30 minutes): notes, controllers, pitch bend, programs, SysEx, panics, instrument swaps.
# It fails (exit 1) on a stuck note, a non-finite sample, a guard repair or an allocation on the audio path, and
# prints the memory figures.   scripts/soak.sh [SECONDS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
seed=${2:-1}
out=fuzz/.work/soak
dotnet build fuzz/MidiSampler.Fuzz/MidiSampler.Fuzz.csproj -c Release -nologo -v quiet -o "$out" >/dev/null
exec dotnet "$out/MidiSampler.Fuzz.dll" soak "$seconds" "$seed"
