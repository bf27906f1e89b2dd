namespace RecForge.Connectors.Milvus;

/// <summary>An export that cannot go on, with a one-line message for the user.</summary>
public sealed class MilvusExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MilvusExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public MilvusExportException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MilvusExportException()
    {
    }
}
