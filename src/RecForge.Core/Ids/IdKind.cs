namespace RecForge.Ids;

/// <summary>The value type of an id column.</summary>
public enum IdKind
{
    /// <summary>64-bit integer.</summary>
    Int64,

    /// <summary>Formatted text such as <c>user_17</c>.</summary>
    Pattern,

    /// <summary>UUID.</summary>
    Uuid,
}
