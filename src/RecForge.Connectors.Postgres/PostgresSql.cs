namespace RecForge.Connectors.Postgres;

/// <summary>Quoting for identifiers RecForge puts into SQL text (values always travel as parameters).</summary>
internal static class PostgresSql
{
    /// <summary>A double-quoted identifier, safe for any column or table name.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
