namespace RecForge.Quality;

/// <summary>
/// Counts distinct values per user (items, sessions, creators) over rows that mostly come user by user, as generated
/// files hold them: a small set holds the current user's values and is emptied when the user changes, so the cost
/// is that of a set of one user's size, not of one entry per distinct pair in a set of millions. Exact in any order:
/// each finished run's values are kept in a flat list, and a user met again starts from them.
/// </summary>
internal sealed class DistinctPerUser
{
    // A run bigger than this leaves a set whose emptying would cost its capacity for every later user: start afresh.
    private const int LargeRun = 4096;

    private readonly List<long> _kept = [];
    private readonly List<(int Start, int Length)> _runs = [];
    private HashSet<long> _current = [];
    private int _user = -1;
    private long _closed;

    /// <summary>Distinct (user, value) pairs so far.</summary>
    public long Count => _closed + _current.Count;

    /// <summary>Records <paramref name="value"/> for <paramref name="user"/> (a dense index, 0 and up).</summary>
    public void Add(int user, long value)
    {
        if (user != _user)
        {
            Switch(user);
        }

        _current.Add(value);
    }

    private void Switch(int user)
    {
        Close();
        _user = user;
        if (user < _runs.Count && _runs[user].Length > 0)
        {
            // The user was met before: their values so far join the open run (and are counted again when it closes).
            var (start, length) = _runs[user];
            for (int i = start; i < start + length; i++)
            {
                _current.Add(_kept[i]);
            }

            _closed -= length;
        }
    }

    private void Close()
    {
        if (_user < 0)
        {
            return;
        }

        while (_runs.Count <= _user)
        {
            _runs.Add((0, 0));
        }

        _runs[_user] = (_kept.Count, _current.Count);
        foreach (long value in _current)
        {
            _kept.Add(value);
        }

        _closed += _current.Count;
        if (_current.Count > LargeRun)
        {
            _current = [];
        }
        else
        {
            _current.Clear();
        }
    }
}
