namespace RecForge.Connectors.Postgres;

/// <summary>A load or search that cannot go on, with a one-line message for the user.</summary>
public sealed class PostgresConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PostgresConnectorException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PostgresConnectorException()
    {
    }

    /// <summary>The user's input (an argument, a filter, a dataset directory) is at fault rather than the server.</summary>
    public bool IsBadInput { get; init; }
}
