namespace RecForge.Generation;

/// <summary>The output location cannot be written (not a directory, no permission, disk full).</summary>
public sealed class OutputException(string message, Exception? inner = null) : Exception(message, inner);
