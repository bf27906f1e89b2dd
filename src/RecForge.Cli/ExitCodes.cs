namespace RecForge.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A check failed, or an operation failed against a server or a file.</summary>
    public const int Failure = 1;

    /// <summary>Bad input or usage: arguments, scenario file, dataset or log contents, output location.</summary>
    public const int BadInput = 2;
}
