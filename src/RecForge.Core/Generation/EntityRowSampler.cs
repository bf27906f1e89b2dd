using System.Globalization;
using RecForge.Embeddings;
using RecForge.Expressions;
using RecForge.Ids;
using RecForge.Output;
using RecForge.Randomness;
using RecForge.Sampling;
using RecForge.Scenarios;
using RecForge.Text;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>
/// Produces the rows of an entity table: each attribute of entity <c>i</c> is drawn from its own generator keyed by
/// (seed, entity kind, i, attribute name), in dependency order, and written into a <see cref="ColumnBatch"/>.
/// One instance per thread; it keeps scratch state between rows.
/// </summary>
internal sealed partial class EntityRowSampler : IExpressionScope, IRowValues
{
    private readonly EntityDefinition _entity;
    private readonly WorldModel _world;
    private readonly ulong _kind;
    private readonly ulong[] _keys;
    private readonly Cell[] _cells;
    private readonly int[] _columnOfSlot;
    private readonly TemplateRenderer _renderer = new();
    private readonly JsonCellRenderer _jsonCells = new();
    private readonly EmbeddingBuilder?[] _embeddings;
    private readonly float[] _position;
    private readonly float[] _itemPosition;
    private readonly int[] _clusters;
    private readonly bool[] _needed;
    private readonly StratifiedDraw?[] _stratified;
    private static readonly ulong LatentStream = StreamKey.Of("latent");
    private EntityRowSampler? _creators;
    private bool[] _neededForTarget = [];
    private int _target = -1;
    private long _tasteOf = -1;
    private int _tasteCount;

    public EntityRowSampler(EntityDefinition entity, WorldModel world)
    {
        _entity = entity;
        _world = world;
        _kind = entity.Role switch
        {
            "items" => WorldModel.ItemsKind,
            "users" => WorldModel.UsersKind,
            _ => WorldModel.CreatorsKind,
        };
        Schema = EntityLayout.Schema(entity, out _columnOfSlot);
        _needed = Needed(entity, a => a.Output);
        int n = entity.Attributes.Count;
        _keys = new ulong[n];
        _cells = new Cell[n];
        _embeddings = new EmbeddingBuilder?[n];
        _stratified = new StratifiedDraw?[n];
        _position = new float[world.Dimensions];
        _itemPosition = new float[world.Dimensions];
        _clusters = new int[world.Scenario.World.Clusters.Count];
        foreach (AttributeDefinition a in entity.Attributes)
        {
            _keys[a.Slot] = WorldModel.AttributeKey(a);
            _stratified[a.Slot] = (a as CategoryAttribute)?.Stratify(entity.Count, world.Seed);
            if (a is WorldAttribute { Embedding: { } e })
            {
                _embeddings[a.Slot] = new EmbeddingBuilder(e, world);
            }

            int dimension = a switch
            {
                VectorAttribute v => v.Dimension,
                WorldAttribute { Profile: { } p } => p.Dimension,
                WorldAttribute { Embedding: { } e2 } => e2.Dimension,
                _ => 0,
            };
            if (dimension > 0)
            {
                _cells[a.Slot].Vector = new float[dimension];
            }
        }
    }

    /// <summary>The table's schema.</summary>
    public TableSchema Schema { get; }

    /// <summary>Generates entity <paramref name="index"/> into <paramref name="row"/> of <paramref name="batch"/>.</summary>
    public void Write(long index, ColumnBatch batch, int row)
    {
        IdValue.Of(_entity.IdFormat, _world.Seed, _kind, index).WriteTo(batch.Columns[0], row);

        for (int i = 0; i < _entity.Attributes.Count; i++)
        {
            AttributeDefinition a = _entity.Attributes[i];
            if (!_needed[a.Slot])
            {
                continue;
            }

            int column = _columnOfSlot[a.Slot];
            if (column >= 0 && batch.Columns[column] is float[][] vectors)
            {
                // Vectors are produced straight into the batch's preallocated row array.
                _cells[a.Slot].Vector = vectors[row];
            }

            Evaluate(a, index);
            if (column >= 0)
            {
                CellStore.Store(a, _cells[a.Slot], _world.Seed, batch.Columns[column], row);
            }
        }
    }

    /// <summary>Evaluates attribute <paramref name="target"/> of entity <paramref name="index"/> (and only what it reads) and returns its value.</summary>
    public Value Evaluate(long index, AttributeDefinition target)
    {
        if (_target != target.Slot)
        {
            _neededForTarget = Needed(_entity, a => a.Slot == target.Slot);
            _target = target.Slot;
        }

        _tasteOf = -1;
        foreach (AttributeDefinition a in _entity.Attributes)
        {
            if (_neededForTarget[a.Slot])
            {
                Evaluate(a, index);
            }
        }

        return Get(target.Slot);
    }

    /// <summary>
    /// The attributes to compute: the wanted ones and everything they read. Skipping the rest changes no value,
    /// since every attribute draws from its own keyed generator.
    /// </summary>
    private static bool[] Needed(EntityDefinition entity, Func<AttributeDefinition, bool> wanted)
    {
        var needed = new bool[entity.Attributes.Count];

        // Dependencies have lower slots, so one pass from the highest slot down closes the set.
        for (int i = entity.Attributes.Count - 1; i >= 0; i--)
        {
            AttributeDefinition a = entity.Attributes[i];
            needed[a.Slot] |= wanted(a);
            if (needed[a.Slot])
            {
                foreach (int dependency in a.DependsOn)
                {
                    needed[dependency] = true;
                }
            }
        }

        return needed;
    }

    // A number that is not finite (x / 0, log of a negative, arithmetic on text, a sampler past double's range) would
    // be written into the row and fail every reader's checks: the run stops instead, naming the attribute and entity.
    private double Finite(AttributeDefinition attribute, double value, long index)
    {
        if (double.IsFinite(value))
        {
            return value;
        }

        IdValue id = IdValue.Of(_entity.IdFormat, _world.Seed, _kind, index);
        string entity = id.Text ?? (id.Uuid != Guid.Empty ? id.Uuid.ToString() : id.Number.ToString(CultureInfo.InvariantCulture));
        throw new ScenarioException($"{_world.Scenario.Name}: {_entity.Role}.attributes.{attribute.Name} is {(double.IsNaN(value) ? "NaN" : "infinite")} for {_entity.Role[..^1]} {entity} (index {index}); a value must be a finite number (check divisions by zero, log/sqrt of negatives, arithmetic on text)");
    }

    private void Evaluate(AttributeDefinition attribute, long index)
    {
        ref Cell cell = ref _cells[attribute.Slot];
        Rng rng = _world.RngFor(_kind, index, _keys[attribute.Slot]);
        switch (attribute)
        {
            case NumberAttribute n:
                cell.Number = Finite(n, n.Sampler.Sample(ref rng), index);
                break;
            case CategoryAttribute c:
                cell.Category = _stratified[c.Slot] is { } stratified ? stratified.Category(index) : c.Table.Sample(ref rng);
                cell.Text = c.Categories[cell.Category].Value;
                break;
            case SetAttribute s:
                cell.List = SampleSet(s, index, ref rng);
                break;
            case InheritedAttribute inherited:
                _creators ??= new EntityRowSampler(_world.Scenario.Creators!, _world);
                Cell source = _creators.CellOf((long)_cells[inherited.CreatorSlot].Number, inherited.Source);
                cell.List = source.List;
                cell.Text = source.Text;
                cell.Number = source.Number;
                cell.Category = source.Category;
                break;
            case ExpressionAttribute e:
                Value v = e.Expression.Evaluate(this);
                cell.Text = v.Text;
                cell.Number = e.Integer ? Math.Round(v.Number, MidpointRounding.AwayFromZero) : v.Number;
                if (v.Text is null)
                {
                    Finite(e, cell.Number, index);
                }

                break;
            case JsonAttribute j:
                cell.Text = _jsonCells.Render(j, _cells);
                break;
            case TextAttribute t:
                cell.Text = _renderer.Render(t, ref rng, this);
                break;
            case VectorAttribute vector when vector.Dirichlet is not null:
                vector.Dirichlet.Sample(ref rng, cell.Vector);
                break;
            case VectorAttribute vector:
                for (int i = 0; i < vector.Dimension; i++)
                {
                    cell.Vector![i] = (float)vector.Sampler!.Sample(ref rng);
                }

                break;
            case WorldAttribute w:
                EvaluateWorld(w, index, ref cell, ref rng);
                break;
            case ColumnAttribute f:
                cell.Number = f.Integers?[index] ?? f.Numbers?[index] ?? 0;
                cell.Text = f.Texts?[index];
                cell.List = f.Lists?[index];
                break;
        }
    }

    /// <summary>The cell of attribute <paramref name="target"/> of entity <paramref name="index"/> (lists included).</summary>
    public Cell CellOf(long index, AttributeDefinition target)
    {
        Evaluate(index, target);
        return _cells[target.Slot];
    }

    // A set's size may come from a category's properties; popular items and creators lean to popular categories.
    private string[] SampleSet(SetAttribute s, long index, ref Rng rng)
    {
        int min = s.MinFrom is { } lo ? (int)GetProperty(lo.Slot, lo.Property).Number : s.Min;
        int max = s.MaxFrom is { } hi ? (int)GetProperty(hi.Slot, hi.Property).Number : s.Max;
        double popularity = _kind == WorldModel.CreatorsKind ? _world.CreatorPercentile(index) : _kind == WorldModel.ItemsKind ? _world.ItemPercentile(index) : 0;
        return SetDraw.Sample(s, min, max, popularity, ref rng);
    }

    /// <inheritdoc />
    public Value Get(int slot)
    {
        Cell c = _cells[slot];
        return c.Text is not null ? Value.Of(c.Text) : Value.Of(c.Number);
    }

    /// <inheritdoc />
    public Value GetProperty(int slot, string property)
    {
        var attribute = (CategoryAttribute)_entity.Attributes[slot];
        object value = attribute.Categories[_cells[slot].Category].Properties[property];
        return value is double d ? Value.Of(d) : Value.Of((string)value);
    }

    /// <inheritdoc />
    public int CategoryOf(int slot) => _cells[slot].Category;

    /// <inheritdoc />
    public string TextOf(int slot)
    {
        Cell c = _cells[slot];
        return c.Text ?? (_entity.Attributes[slot] is NumberAttribute { Integer: true } or ExpressionAttribute { Integer: true } or ColumnAttribute { Integers: not null }
            ? ((long)c.Number).ToString(CultureInfo.InvariantCulture)
            : c.Number.ToString("0.##", CultureInfo.InvariantCulture));
    }
}
