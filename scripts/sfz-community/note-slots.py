#!/usr/bin/env python3
"""Reads a 16-bit WAV rendered from make-midi.py's song and reports, per note, its peak level and how alike it is
to the note before (normalised correlation of the first 0.3 s of the left channel: 1.000 = the same sample).

usage: note-slots.py RENDER.wav STARTS [PAIRS]
  STARTS  the comma-separated start times make-midi.py printed
  PAIRS   optional slot pairs to compare, e.g. 0-6,1-7
Render with --format pcm16.
"""
import array
import math
import sys
import wave


def correlation(x, y):
    n = min(len(x), len(y))
    sxy = sum(p * q for p, q in zip(x[:n], y[:n]))
    sx = sum(p * p for p in x[:n])
    sy = sum(q * q for q in y[:n])
    return sxy / math.sqrt(sx * sy) if sx and sy else 0.0


def main():
    w = wave.open(sys.argv[1])
    assert w.getsampwidth() == 2, "render with --format pcm16"
    channels, rate = w.getnchannels(), w.getframerate()
    frames = array.array("h", w.readframes(w.getnframes()))
    left = frames[::channels]
    starts = [int(float(s) * rate) for s in sys.argv[2].split(",")]
    slots = [left[s:s + int(0.3 * rate)] for s in starts]
    for i, slot in enumerate(slots):
        peak = max((abs(v) for v in slot), default=0)
        db = 20 * math.log10(peak / 32768) if peak else float("-inf")
        alike = f"{correlation(slots[i - 1], slot):.3f}" if i else "-"
        print(f"note {i} at {starts[i] / rate:.3f} s: peak {db:6.1f} dBFS, alike previous {alike}")
    if len(sys.argv) > 3:
        for pair in sys.argv[3].split(","):
            i, j = map(int, pair.split("-"))
            print(f"alike({i},{j}) = {correlation(slots[i], slots[j]):.3f}")


if __name__ == "__main__":
    main()
