namespace Pcap.Testing.Allocation;

/// <summary>Measures what a repeatable piece of work allocates on the calling thread once the runtime has settled.</summary>
public static class QuietestPass
{
    /// <summary>
    /// Runs <paramref name="pass"/> <paramref name="passes"/> times and returns the fewest bytes one run allocated on this
    /// thread. Whatever the work allocates per item shows in every run; the runtime's own one-off allocations while it
    /// tiers or replaces a running loop (several KB on a loaded CI machine) land in one run at most.
    /// </summary>
    public static long Bytes(int passes, Action pass)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 2);
        ArgumentNullException.ThrowIfNull(pass);
        var fewest = long.MaxValue;
        for (var i = 0; i < passes; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
