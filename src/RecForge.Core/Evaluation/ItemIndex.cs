namespace RecForge.Evaluation;

/// <summary>Item ids to dense indexes, shared by the logs being compared.</summary>
public sealed class ItemIndex
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];

    /// <summary>Number of items indexed.</summary>
    public int Count => _ids.Count;

    /// <summary>The id of an index.</summary>
    public string IdOf(int index) => _ids[index];

    /// <summary>The index of an id, adding it when new.</summary>
    public int IndexOf(string id)
    {
        if (!_index.TryGetValue(id, out int i))
        {
            i = _ids.Count;
            _index[id] = i;
            _ids.Add(id);
        }

        return i;
    }
}
