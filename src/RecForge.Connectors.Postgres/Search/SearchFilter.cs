using System.Globalization;
using System.Text;
using NpgsqlTypes;

namespace RecForge.Connectors.Postgres.Search;

/// <summary>
/// Turns a filter such as <c>release_year &gt;= 2020 and popularity &gt; 0.5</c> into a SQL condition whose every
/// value is a parameter and every column is checked against the table, so user text never becomes SQL.
/// </summary>
/// <remarks>
/// Grammar: <c>or</c> of <c>and</c> of [<c>not</c>] comparisons or parenthesised filters. A comparison is
/// <c>column op literal</c> (op: = == != &lt;&gt; &lt; &lt;= &gt; &gt;=), <c>column [not] in (literal, …)</c>,
/// <c>column [not] like 'pattern'</c> or <c>column is [not] null</c>. A JSONB column's key is <c>column.key</c>.
/// Literals: numbers, 'single' or "double" quoted text, true, false.
/// </remarks>
public sealed class SearchFilter
{
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, string> _columnTypes;
    private readonly List<(object Value, NpgsqlDbType Type)> _parameters;
    private readonly int _firstParameter;
    private readonly StringBuilder _sql = new();
    private int _at;

    private SearchFilter(string text, IReadOnlyDictionary<string, string> columnTypes, int firstParameter)
    {
        _text = text;
        _columnTypes = columnTypes;
        _firstParameter = firstParameter;
        _parameters = [];
    }

    /// <summary>The SQL condition, with <c>$n</c> placeholders numbered from the first parameter given.</summary>
    public string Sql => _sql.ToString();

    /// <summary>The values of the placeholders, in order.</summary>
    public IReadOnlyList<(object Value, NpgsqlDbType Type)> Parameters => _parameters;

    /// <summary>Parses <paramref name="text"/> against the columns of the table (name → PostgreSQL type name).</summary>
    /// <exception cref="FormatException">The filter is malformed or names an unknown column; the message says where.</exception>
    public static SearchFilter Parse(string text, IReadOnlyDictionary<string, string> columnTypes, int firstParameter)
    {
        var filter = new SearchFilter(text, columnTypes, firstParameter);
        filter.ParseOr();
        filter.SkipSpace();
        if (filter._at < text.Length)
        {
            throw filter.Error($"unexpected '{text[filter._at..]}'");
        }

        return filter;
    }

    private void ParseOr()
    {
        ParseAnd();
        while (Keyword("or"))
        {
            _sql.Append(" OR ");
            ParseAnd();
        }
    }

    private void ParseAnd()
    {
        ParseUnary();
        while (Keyword("and"))
        {
            _sql.Append(" AND ");
            ParseUnary();
        }
    }

    private void ParseUnary()
    {
        if (Keyword("not"))
        {
            _sql.Append("NOT ");
            ParseUnary();
            return;
        }

        if (Symbol("("))
        {
            _sql.Append('(');
            ParseOr();
            Expect(")");
            _sql.Append(')');
            return;
        }

        ParseComparison();
    }

    private void ParseComparison()
    {
        SkipSpace();
        int start = _at;
        string name = Identifier() ?? throw Error("expected a column name");
        (string column, string type) = Column(name, start);
        if (Keyword("is"))
        {
            bool negated = Keyword("not");
            if (!Keyword("null"))
            {
                throw Error("expected null after 'is'");
            }

            _sql.Append(column).Append(negated ? " IS NOT NULL" : " IS NULL");
            return;
        }

        bool not = Keyword("not");
        string op;
        var literals = new List<object>();
        if (Keyword("in"))
        {
            op = not ? "NOT IN" : "IN";
            Expect("(");
            do
            {
                literals.Add(Literal());
            }
            while (Symbol(","));
            Expect(")");
        }
        else if (Keyword("like") || Keyword("ilike"))
        {
            op = (not ? "NOT " : "") + _text[(_at - 5).._at].Trim().ToUpperInvariant();
            if (type is not ("text" or "json-text"))
            {
                throw Error($"'{name}' is {type}; like needs a text column");
            }

            literals.Add(Literal());
        }
        else
        {
            if (not)
            {
                throw Error("expected in or like after 'not'");
            }

            op = Operator() ?? throw Error("expected a comparison (=, !=, <, <=, >, >=, in, like, is)");
            literals.Add(Literal());
        }

        // JSON values come out as text: compared with a number, the text is cast to a number.
        bool numericJson = type == "json-text" && literals[0] is double;
        _sql.Append(column).Append(numericJson ? "::double precision " : " ").Append(op).Append(' ');
        if (op.EndsWith("IN", StringComparison.Ordinal))
        {
            _sql.Append('(');
        }

        for (int i = 0; i < literals.Count; i++)
        {
            _sql.Append(i == 0 ? "" : ", ").Append(Parameter(literals[i], numericJson ? "double precision" : type, name));
        }

        if (op.EndsWith("IN", StringComparison.Ordinal))
        {
            _sql.Append(')');
        }
    }

    private (string Sql, string Type) Column(string name, int at)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        string baseName = dot < 0 ? name : name[..dot];
        if (!_columnTypes.TryGetValue(baseName, out string? type))
        {
            _at = at;
            throw Error($"unknown column '{baseName}' (columns: {string.Join(", ", _columnTypes.Keys.Order(StringComparer.Ordinal))})");
        }

        if (dot < 0)
        {
            return (PostgresSql.Quote(name), type);
        }

        if (type != "jsonb")
        {
            _at = at;
            throw Error($"'{baseName}' is {type}; only JSONB columns have keys");
        }

        // The JSON key is a parameter too: ("cultural_context" ->> $n).
        _parameters.Add((name[(dot + 1)..], NpgsqlDbType.Text));
        return ($"({PostgresSql.Quote(baseName)} ->> ${_firstParameter + _parameters.Count - 1})", "json-text");
    }

    private string Parameter(object literal, string type, string name)
    {
        (object value, NpgsqlDbType dbType) = (type, literal) switch
        {
            ("bigint" or "integer" or "smallint" or "double precision" or "real" or "numeric", double d) => ((object)d, NpgsqlDbType.Double),
            ("boolean", bool b) => (b, NpgsqlDbType.Boolean),
            ("text", string s) => (s, NpgsqlDbType.Text),
            ("uuid", string s) when Guid.TryParse(s, out Guid g) => (g, NpgsqlDbType.Uuid),
            ("timestamp with time zone", string s) when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t)
                => (t, NpgsqlDbType.TimestampTz),
            ("json-text", string s) => (s, NpgsqlDbType.Text),
            ("json-text", bool b) => (b ? "true" : "false", NpgsqlDbType.Text),
            _ => throw Error($"'{name}' is {type}; {Describe(literal)} does not compare with it"),
        };
        _parameters.Add((value, dbType));
        return $"${_firstParameter + _parameters.Count - 1}";
    }

    private static string Describe(object literal) => literal switch
    {
        string s => $"text '{s}'",
        bool b => b ? "true" : "false",
        _ => string.Format(CultureInfo.InvariantCulture, "number {0}", literal),
    };

    private object Literal()
    {
        SkipSpace();
        if (_at >= _text.Length)
        {
            throw Error("expected a value");
        }

        char c = _text[_at];
        if (c is '\'' or '"')
        {
            int end = _text.IndexOf(c, _at + 1);
            if (end < 0)
            {
                throw Error("unterminated string");
            }

            string value = _text[(_at + 1)..end];
            _at = end + 1;
            return value;
        }

        if (Keyword("true"))
        {
            return true;
        }

        if (Keyword("false"))
        {
            return false;
        }

        int start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] is '.' or '-' or '+' or 'e' or 'E'))
        {
            _at++;
        }

        if (double.TryParse(_text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            return number;
        }

        _at = start;
        throw Error("expected a number, a quoted string, true or false");
    }

    private string? Operator()
    {
        SkipSpace();
        foreach (string op in (string[])["==", "!=", "<>", "<=", ">=", "=", "<", ">"])
        {
            if (string.CompareOrdinal(_text, _at, op, 0, op.Length) == 0)
            {
                _at += op.Length;
                return op switch
                {
                    "==" => "=",
                    "!=" => "<>",
                    _ => op,
                };
            }
        }

        return null;
    }

    private string? Identifier()
    {
        SkipSpace();
        int start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '_' or '.'))
        {
            _at++;
        }

        return _at > start && !char.IsAsciiDigit(_text[start]) ? _text[start.._at] : null;
    }

    private bool Keyword(string word)
    {
        SkipSpace();
        int end = _at + word.Length;
        if (end <= _text.Length
            && string.Compare(_text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (end == _text.Length || !(char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')))
        {
            _at = end;
            return true;
        }

        return false;
    }

    private bool Symbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _at, symbol, 0, symbol.Length) == 0)
        {
            _at += symbol.Length;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!Symbol(symbol))
        {
            throw Error($"expected '{symbol}'");
        }
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string message) => new($"--where, at character {_at + 1}: {message}");
}
