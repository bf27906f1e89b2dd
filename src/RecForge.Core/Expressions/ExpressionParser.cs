using System.Globalization;

namespace RecForge.Expressions;

/// <summary>Parses attribute expressions such as <c>if(release_year &lt; 1960, "Classic", "Modern")</c> or <c>location.utc_offset * 60</c>.</summary>
/// <remarks>
/// Grammar (precedence climbing, lowest first): <c>or</c>, <c>and</c>, comparisons (<c>== != &lt; &lt;= &gt; &gt;=</c>),
/// <c>+ -</c>, <c>* / %</c>, <c>^</c> (right-associative), unary <c>- not</c>, then primaries: numbers, "text" or
/// 'text', <c>name</c>, <c>name.property</c>, <c>if(c, a, b)</c>, functions (min, max, clamp, round, floor, ceil,
/// abs, log, exp, sqrt, pow, concat) and parentheses.
/// </remarks>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly Func<string, string?, ExpressionNode> _resolve;
    private int _pos;
    private int _depth;

    /// <summary>Most levels of nesting in one expression.</summary>
    public const int MaxDepth = 200;

    private ExpressionParser(string text, Func<string, string?, ExpressionNode> resolve)
    {
        _text = text;
        _resolve = resolve;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="resolve"/> turns (name, property) into a node or throws.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression.</exception>
    public static ExpressionNode Parse(string text, Func<string, string?, ExpressionNode> resolve)
    {
        var parser = new ExpressionParser(text, resolve);
        ExpressionNode node = parser.ParseBinary(0);
        parser.SkipSpace();
        if (parser._pos < text.Length)
        {
            throw new ExpressionException($"unexpected '{text[parser._pos]}' at position {parser._pos + 1}", parser._pos);
        }

        return node;
    }

    private static readonly string[][] Levels =
    [
        ["or"],
        ["and"],
        ["==", "!=", "<=", ">=", "<", ">"],
        ["+", "-"],
        ["*", "/", "%"],
        ["^"],
    ];

    private ExpressionNode ParseBinary(int level)
    {
        if (level == Levels.Length)
        {
            return ParseUnary();
        }

        ExpressionNode left = ParseBinary(level + 1);
        while (TryOperator(Levels[level], out string? op))
        {
            // '^' is right-associative: 2^3^2 = 2^9.
            ExpressionNode right = op == "^" ? ParseBinary(level) : ParseBinary(level + 1);
            left = new BinaryNode(op!, left, right);
            if (op == "^")
            {
                break;
            }
        }

        return left;
    }

    // Parentheses, unary operators and calls nest through here; a hostile "((((…" 50,000 deep would overflow the stack.
    private ExpressionNode ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionException($"nested more than {MaxDepth} levels deep at position {_pos + 1}", _pos);
        }

        try
        {
            return ParseUnaryLevel();
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionNode ParseUnaryLevel()
    {
        SkipSpace();
        if (Peek() == '-')
        {
            _pos++;
            return new UnaryNode('-', ParseUnary());
        }

        if (TryWord("not"))
        {
            return new UnaryNode('!', ParseUnary());
        }

        return ParsePrimary();
    }

    private ExpressionNode ParsePrimary()
    {
        SkipSpace();
        int start = _pos;
        char c = Peek();
        if (c == '(')
        {
            _pos++;
            ExpressionNode inner = ParseBinary(0);
            Expect(')');
            return inner;
        }

        if (c is '"' or '\'')
        {
            int end = _text.IndexOf(c, _pos + 1);
            if (end < 0)
            {
                throw new ExpressionException($"unterminated text starting at position {start + 1}", start);
            }

            _pos = end + 1;
            return new ConstantNode(Value.Of(_text[(start + 1)..end]));
        }

        if (char.IsDigit(c) || c == '.')
        {
            while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] is '.' or 'e' or 'E'
                || (_text[_pos] is '+' or '-' && _text[_pos - 1] is 'e' or 'E')))
            {
                _pos++;
            }

            if (!double.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                throw new ExpressionException($"bad number '{_text[start.._pos]}' at position {start + 1}", start);
            }

            return new ConstantNode(Value.Of(number));
        }

        if (char.IsLetter(c) || c == '_')
        {
            string name = ReadName();
            SkipSpace();
            if (Peek() == '(')
            {
                _pos++;
                return ParseCall(name, start);
            }

            string? property = null;
            if (Peek() == '.')
            {
                _pos++;
                property = ReadName();
            }

            return name switch
            {
                "true" => new ConstantNode(Value.Of(1)),
                "false" => new ConstantNode(Value.Of(0)),
                _ => _resolve(name, property),
            };
        }

        throw new ExpressionException(_pos >= _text.Length ? "expression ends too early" : $"unexpected '{c}' at position {_pos + 1}", _pos);
    }

    private ExpressionNode ParseCall(string name, int start)
    {
        var args = new List<ExpressionNode>();
        SkipSpace();
        if (Peek() != ')')
        {
            do
            {
                args.Add(ParseBinary(0));
                SkipSpace();
            }
            while (TryChar(','));
        }

        Expect(')');
        if (name == "if")
        {
            return args.Count == 3
                ? new ConditionalNode(args[0], args[1], args[2])
                : throw new ExpressionException($"if() takes 3 arguments, got {args.Count}", start);
        }

        if (!FunctionNode.Arity.TryGetValue(name, out var arity))
        {
            throw new ExpressionException($"unknown function '{name}'; known: if, {string.Join(", ", FunctionNode.Arity.Keys)}", start);
        }

        if (args.Count < arity.Min || args.Count > arity.Max)
        {
            throw new ExpressionException($"{name}() takes {arity.Min}..{arity.Max} arguments, got {args.Count}", start);
        }

        return new FunctionNode(name, [.. args]);
    }

    private string ReadName()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw new ExpressionException($"expected a name at position {start + 1}", start);
        }

        return _text[start.._pos];
    }

    private bool TryOperator(string[] ops, out string? op)
    {
        SkipSpace();
        foreach (string candidate in ops)
        {
            bool isWord = char.IsLetter(candidate[0]);
            if (isWord ? TryWord(candidate) : string.CompareOrdinal(_text, _pos, candidate, 0, candidate.Length) == 0)
            {
                if (!isWord)
                {
                    _pos += candidate.Length;
                }

                op = candidate;
                return true;
            }
        }

        op = null;
        return false;
    }

    private bool TryWord(string word)
    {
        SkipSpace();
        int end = _pos + word.Length;
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) == 0
            && (end >= _text.Length || !(char.IsLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            _pos = end;
            return true;
        }

        return false;
    }

    private bool TryChar(char c)
    {
        SkipSpace();
        if (Peek() == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryChar(c))
        {
            throw new ExpressionException($"expected '{c}' at position {_pos + 1}", _pos);
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }
}
