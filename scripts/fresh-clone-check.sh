#!/usr/bin/env bash
# Checks what a new user meets first: clones this repository (its committed HEAD) into an empty temporary folder,
# with nothing beside it (no shared/ data), and runs the README's quick-start commands there, taken from the
# README itself so that the two cannot drift apart:
#   ./midi-sampler render examples/ganjo/ganjo.sfz examples/banjo-rolls.mid -o banjo.wav
#   bash .ci/run
# Usage: scripts/fresh-clone-check.sh [--quick]   (--quick: the render only; the suite takes minutes)
# CI runs it with --quick (.ci/run): the full suite from a second clone would double CI's time for little more
# than this run of the same suite already proves; the render is what needed the data beside the clone.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

# The commands of the README's quick-start block (```sh ... ``` after "## Quick start"), comments dropped.
mapfile -t commands < <(awk '/^## Quick start/{q=1} q&&/^```sh/{b=1;next} b&&/^```/{exit} b&&!/^#/&&NF{print}' "$here/README.md")
if [ ${#commands[@]} -lt 2 ]; then
  echo "fresh-clone-check: no quick-start commands found in README.md" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet --no-hardlinks "$here" "$work/midi-sampler"
cd "$work/midi-sampler"
echo "fresh-clone-check: cloned $(git rev-parse --short HEAD) into $work/midi-sampler (beside it: $(ls -A "$work" | tr '\n' ' '))"

for command in "${commands[@]}"; do
  if [ "$quick" = 1 ] && [ "$command" != "${commands[0]}" ]; then
    echo "fresh-clone-check: skipped (--quick): $command"
    continue
  fi
  echo "fresh-clone-check: running: $command"
  # Not CI for the commands: a user's clone has no shared/, and the tests that need it must skip (CI=true makes
  # them fail instead, since CI always lays the data beside its clone).
  env -u CI bash -c "$command"
done

# The render must have left its WAV, with sound in it.
out=$(awk '{for(i=1;i<NF;i++) if($i=="-o") print $(i+1)}' <<<"${commands[0]}")
if [ -n "$out" ]; then
  [ -s "$out" ] || { echo "fresh-clone-check: the quick start did not write $out" >&2; exit 1; }
  if command -v sox >/dev/null 2>&1; then
    echo "fresh-clone-check: $out: $(sox "$out" -n stat 2>&1 | grep -E 'Length|Maximum amplitude' | tr -s ' ' | paste -sd ';')"
  fi
fi
# The program was published into artifacts/midi-sampler with its guides (the systemd unit's Documentation= path).
[ -f artifacts/midi-sampler/docs/jack.md ] || { echo "fresh-clone-check: the published program lacks docs/jack.md" >&2; exit 1; }
echo "fresh-clone-check: OK"
