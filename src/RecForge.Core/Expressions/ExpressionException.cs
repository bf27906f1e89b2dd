namespace RecForge.Expressions;

/// <summary>An expression could not be parsed or bound; <see cref="Position"/> is the 0-based character offset.</summary>
internal sealed class ExpressionException(string message, int position) : Exception(message)
{
    /// <summary>Where in the expression text the problem is.</summary>
    public int Position { get; } = position;
}
