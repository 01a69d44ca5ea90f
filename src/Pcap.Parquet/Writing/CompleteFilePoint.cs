using Microsoft.Win32.SafeHandles;

namespace Pcap.Parquet.Writing;

/// <summary>
/// The last point at which a Parquet file being written was complete: where its last whole row group ends, the footer
/// that describes the row groups up to there (with its length and the closing magic), and how many rows they hold.
/// A write error after that point (a full disk) is undone by putting this footer back at <see cref="DataEnd"/> and cutting
/// the file after it, which leaves every completed row group readable.
/// </summary>
internal sealed record CompleteFilePoint(long DataEnd, byte[] Footer, long Rows)
{
    /// <summary>The file's length at this point.</summary>
    public long Length => DataEnd + Footer.Length;

    /// <summary>
    /// Cuts the file at <paramref name="path"/> back to this point (its writing stream must be closed). The footer is
    /// written first, over bytes the file already holds, so it needs no new space on a full disk; only then is the rest cut.
    /// </summary>
    public void Restore(string path)
    {
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        try
        {
            RandomAccess.Write(file, Footer, DataEnd);
            RandomAccess.SetLength(file, Length);
        }
        catch (IOException)
        {
            // A file system that cannot overwrite in place when full (copy on write) gets the space back by cutting first.
            RandomAccess.SetLength(file, DataEnd);
            RandomAccess.Write(file, Footer, DataEnd);
        }
    }
}
