namespace RecForge.Connectors.Kafka;

/// <summary>
/// The end of the contiguous run of finished stream positions: delivery reports arrive out of order across
/// partitions, so positions finished past the first gap wait in a set until the gap closes. A failed position never
/// closes, so the prefix stops before it and later positions are not kept.
/// </summary>
internal sealed class DeliveredPrefix(long start)
{
    private readonly HashSet<long> _ahead = [];
    private readonly Lock _lock = new();
    private long _prefix = start;
    private long _firstFailed = long.MaxValue;

    /// <summary>Every position up to this one (1-based) is delivered or needs no delivery.</summary>
    public long Prefix
    {
        get
        {
            lock (_lock)
            {
                return _prefix;
            }
        }
    }

    public void Done(long position)
    {
        lock (_lock)
        {
            if (position >= _firstFailed)
            {
                return;
            }

            if (position != _prefix + 1)
            {
                _ahead.Add(position);
                return;
            }

            _prefix = position;
            while (_ahead.Remove(_prefix + 1))
            {
                _prefix++;
            }
        }
    }

    public void Fail(long position)
    {
        lock (_lock)
        {
            _firstFailed = Math.Min(_firstFailed, position);
            _ahead.RemoveWhere(p => p >= _firstFailed);
        }
    }
}
