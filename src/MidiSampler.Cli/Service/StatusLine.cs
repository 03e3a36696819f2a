namespace MidiSampler.Cli.Service;

/// <summary>
/// The once-a-second status line of <c>play</c> on a terminal, kept on the terminal's last row, below a scrolling
/// region that holds everything else: the program's output scrolls above it, and the line the user is typing on
/// the console is never drawn over.
/// </summary>
/// <remarks>
/// Design: the terminal echoes what the user types itself (cooked mode), at the cursor, so the status must never move
/// the cursor for good nor write on the cursor's row. It sets the scrolling region to rows 1..N-1 (DECSTBM), and
/// draws the status on row N between a cursor save and restore (DECSC/DECRC): the typed text stays where it is,
/// whatever the status writes. A resized terminal gets the region again at the next draw; Dispose gives the whole
/// screen back and clears the row. The earlier status wrote "\r...\e[K" on the cursor's row, and so erased the input.
/// </remarks>
internal sealed class StatusLine : IDisposable
{
    private const string Save = "\u001b7";
    private const string Restore = "\u001b8";
    private readonly TextWriter _output;
    private readonly Func<int> _rows;
    private int _regionRows;

    /// <summary>Draws on <paramref name="output"/> (a terminal); <paramref name="rows"/> reads the terminal's height.</summary>
    public StatusLine(TextWriter output, Func<int> rows)
    {
        _output = output;
        _rows = rows;
    }

    /// <summary>Writes <paramref name="text"/> on the last row, leaving the cursor (and what is typed there) alone. Any thread.</summary>
    public void Draw(string text)
    {
        lock (_output)
        {
            int rows = _rows();
            if (rows < 3)
                return; // no room for a region and a status row
            if (rows != _regionRows)
            {
                // A newline first, then back up: if the cursor sat on the last row, the screen scrolls once so that
                // it is inside the region. Setting the region homes the cursor: save and restore around it.
                _output.Write("\n\u001b[1A" + Save + $"\u001b[1;{rows - 1}r" + Restore);
                _regionRows = rows;
            }

            _output.Write(Save + $"\u001b[{rows};1H" + text + "\u001b[K" + Restore);
            _output.Flush();
        }
    }

    /// <summary>Gives the whole screen back (no scrolling region) and clears the status row. Any thread.</summary>
    public void Dispose()
    {
        lock (_output)
        {
            if (_regionRows == 0)
                return;
            _output.Write(Save + "\u001b[r" + $"\u001b[{_regionRows};1H\u001b[K" + Restore);
            _output.Flush();
            _regionRows = 0;
        }
    }
}
