using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Engine;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// The voice manager's lists (<see cref="VoiceIndex"/>): any sequence of links and unlinks leaves every key's list holding
/// exactly the slots a plain dictionary model holds, including after the table's backward-shift deletions.
/// </summary>
public sealed class VoiceIndexTests
{
    [Fact]
    public void Lists_match_a_dictionary_model_under_random_links_and_unlinks() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            const int voices = 40;
            var random = new Random(seed);
            var index = new VoiceIndex(voices);
            var model = new Dictionary<int, (long A, long B)>();
            // Few distinct keys, some colliding in the table's low bits, so that probe runs form and are shifted back.
            long[] keys = [0, 1, 64, 128, -1, 1L << 40, 7, 1024];
            for (int step = 0; step < 2000; step++)
            {
                int slot = random.Next(voices);
                if (random.Next(3) == 0)
                {
                    index.Unlink(slot);
                    model.Remove(slot);
                }
                else
                {
                    var key = (keys[random.Next(keys.Length)], keys[random.Next(3)]);
                    index.Link(slot, key.Item1, key.Item2);
                    model[slot] = key;
                }

                if (step % 50 == 0 && !Matches(index, model, keys))
                    return false;
            }

            return Matches(index, model, keys);
        }).QuickCheckThrowOnFailure();

    private static bool Matches(VoiceIndex index, Dictionary<int, (long A, long B)> model, long[] keys)
    {
        foreach (long a in keys)
        {
            foreach (long b in keys)
            {
                var listed = new List<int>();
                for (int s = index.First(a, b); s >= 0; s = index.Next(s))
                    listed.Add(s);
                var expected = model.Where(p => p.Value == (a, b)).Select(p => p.Key).Order().ToList();
                if (!listed.Order().SequenceEqual(expected) || listed.Count != listed.Distinct().Count())
                    return false;
            }
        }

        return model.Keys.All(index.Contains);
    }
}
