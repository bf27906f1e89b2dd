namespace RecForge.Expressions;

/// <summary>Where an expression reads attribute values from: the row being generated.</summary>
internal interface IExpressionScope
{
    /// <summary>The value of the attribute in <paramref name="slot"/>.</summary>
    Value Get(int slot);

    /// <summary>A property of the categorical value held in <paramref name="slot"/> (e.g. <c>location.utc_offset</c>).</summary>
    Value GetProperty(int slot, string property);
}

/// <summary>A node of a parsed expression tree.</summary>
internal abstract class ExpressionNode
{
    /// <summary>Evaluates the node against a row.</summary>
    public abstract Value Evaluate(IExpressionScope scope);

    /// <summary>Whether the node yields text (known statically, so the output column can be typed before any row).</summary>
    public abstract bool IsText { get; }
}

internal sealed class ConstantNode(Value value) : ExpressionNode
{
    public override bool IsText => value.IsText;

    public override Value Evaluate(IExpressionScope scope) => value;
}

/// <summary>A reference to another attribute of the same row, optionally one of its categorical properties.</summary>
internal sealed class ReferenceNode(int slot, string? property, bool isText) : ExpressionNode
{
    /// <inheritdoc />
    public override bool IsText => isText;

    /// <inheritdoc />
    public override Value Evaluate(IExpressionScope scope) => property is null ? scope.Get(slot) : scope.GetProperty(slot, property);
}

internal sealed class UnaryNode(char op, ExpressionNode operand) : ExpressionNode
{
    public override bool IsText => false;

    public override Value Evaluate(IExpressionScope scope)
    {
        Value v = operand.Evaluate(scope);
        return op == '-' ? Value.Of(-v.Number) : Value.Of(v.AsBool ? 0 : 1);
    }
}

internal sealed class BinaryNode(string op, ExpressionNode left, ExpressionNode right) : ExpressionNode
{
    public override bool IsText => op == "+" && (left.IsText || right.IsText);

    public override Value Evaluate(IExpressionScope scope)
    {
        Value a = left.Evaluate(scope);
        if (op == "and")
        {
            return Value.Of(a.AsBool && right.Evaluate(scope).AsBool ? 1 : 0);
        }

        if (op == "or")
        {
            return Value.Of(a.AsBool || right.Evaluate(scope).AsBool ? 1 : 0);
        }

        Value b = right.Evaluate(scope);
        if (a.IsText || b.IsText)
        {
            return op switch
            {
                "+" => Value.Of(string.Concat(a.ToString(), b.ToString())),
                "==" => Value.Of(string.Equals(a.ToString(), b.ToString(), StringComparison.Ordinal) ? 1 : 0),
                "!=" => Value.Of(string.Equals(a.ToString(), b.ToString(), StringComparison.Ordinal) ? 0 : 1),
                _ => Value.Of(double.NaN),
            };
        }

        double x = a.Number, y = b.Number;
        return Value.Of(op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            "%" => x % y,
            "^" => Math.Pow(x, y),
            "<" => x < y ? 1 : 0,
            "<=" => x <= y ? 1 : 0,
            ">" => x > y ? 1 : 0,
            ">=" => x >= y ? 1 : 0,
            "==" => x == y ? 1 : 0,
            "!=" => x != y ? 1 : 0,
            _ => double.NaN,
        });
    }
}

internal sealed class ConditionalNode(ExpressionNode condition, ExpressionNode whenTrue, ExpressionNode whenFalse) : ExpressionNode
{
    public override bool IsText => whenTrue.IsText || whenFalse.IsText;

    public override Value Evaluate(IExpressionScope scope)
        => condition.Evaluate(scope).AsBool ? whenTrue.Evaluate(scope) : whenFalse.Evaluate(scope);
}

internal sealed class FunctionNode(string name, ExpressionNode[] args) : ExpressionNode
{
    public override bool IsText => name == "concat";

    /// <summary>Function names and their argument counts (min, max).</summary>
    public static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["min"] = (2, 2),
        ["max"] = (2, 2),
        ["clamp"] = (3, 3),
        ["round"] = (1, 2),
        ["floor"] = (1, 1),
        ["ceil"] = (1, 1),
        ["abs"] = (1, 1),
        ["log"] = (1, 1),
        ["exp"] = (1, 1),
        ["sqrt"] = (1, 1),
        ["pow"] = (2, 2),
        ["concat"] = (1, 8),
    };

    public override Value Evaluate(IExpressionScope scope)
    {
        if (name == "concat")
        {
            string s = "";
            foreach (ExpressionNode arg in args)
            {
                s = string.Concat(s, arg.Evaluate(scope).ToString());
            }

            return Value.Of(s);
        }

        double a = args[0].Evaluate(scope).Number;
        double b = args.Length > 1 ? args[1].Evaluate(scope).Number : 0;
        return Value.Of(name switch
        {
            "min" => Math.Min(a, b),
            "max" => Math.Max(a, b),
            "clamp" => Math.Clamp(a, b, Math.Max(b, args[2].Evaluate(scope).Number)),
            "round" => Math.Round(a, (int)b, MidpointRounding.AwayFromZero),
            "floor" => Math.Floor(a),
            "ceil" => Math.Ceiling(a),
            "abs" => Math.Abs(a),
            "log" => Math.Log(a),
            "exp" => Math.Exp(a),
            "sqrt" => Math.Sqrt(a),
            "pow" => Math.Pow(a, b),
            _ => double.NaN,
        });
    }
}
