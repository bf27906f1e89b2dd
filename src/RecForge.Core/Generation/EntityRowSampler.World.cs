using RecForge.Randomness;
using RecForge.Scenarios;
using RecForge.World;

namespace RecForge.Generation;

/// <summary>The entity values that come from the world model: popularity, creators, taste clusters, profiles, embeddings, latent positions.</summary>
internal sealed partial class EntityRowSampler
{
    private void EvaluateWorld(WorldAttribute w, long index, ref Cell cell, ref Rng rng)
    {
        switch (w.Kind)
        {
            case WorldValueKind.Popularity:
                cell.Number = _kind == WorldModel.CreatorsKind ? _world.CreatorPopularity(index) : _world.Popularity(index);
                break;
            case WorldValueKind.Creator:
                cell.Number = _world.CreatorOf(index);
                break;
            case WorldValueKind.TasteClusters:
                int k = EnsureTaste(index);
                var names = new string[k];
                for (int j = 0; j < k; j++)
                {
                    names[j] = _world.Scenario.World.Clusters[_clusters[j]].Name;
                }

                cell.List = names;
                break;
            case WorldValueKind.TasteCluster:
                EnsureTaste(index);
                cell.Text = _world.Scenario.World.Clusters[_clusters[0]].Name;
                break;
            case WorldValueKind.PreferenceProfile:
                EnsureTaste(index);
                PreferenceProfile.Fill(_world, _position, w.Profile!, cell.Vector!, ref rng);
                break;
            case WorldValueKind.Embedding:
                _world.ItemPosition(index, _itemPosition);
                _embeddings[w.Slot]!.Build(index, _itemPosition, this, cell.Vector);
                break;
        }
    }

    private int EnsureTaste(long index)
    {
        if (_tasteOf != index)
        {
            if (_world.LatentUsers)
            {
                LatentPosition(index, _position);
                _tasteCount = 0;
            }
            else
            {
                _tasteCount = _world.UserTaste(index, _position, _clusters);
            }

            _tasteOf = index;
        }

        return _tasteCount;
    }

    /// <summary>
    /// Writes the unit taste position an entity gets from its own latent attributes: Σ latent_weight × centroid of its
    /// category (a set: the mean of its categories' centroids), plus noise — how creators and latent users are placed.
    /// </summary>
    public void LatentPosition(long index, Span<float> position)
    {
        position.Clear();
        foreach (AttributeDefinition a in _entity.Attributes)
        {
            if (a is CategoryAttribute { LatentWeight: > 0 } c)
            {
                Evaluate(index, c);
                VectorMath.AddScaled(position, _world.CentroidsByName(c.Name, c.Categories)[_cells[c.Slot].Category], c.LatentWeight);
            }
            else if (a is SetAttribute { LatentWeight: > 0 } s)
            {
                Evaluate(index, s);
                float[][] centroids = _world.CentroidsByName(s.Name, s.Categories);
                string[] values = _cells[s.Slot].List!;
                foreach (string value in values)
                {
                    VectorMath.AddScaled(position, centroids[IndexOf(s.Categories, value)], s.LatentWeight / values.Length);
                }
            }
        }

        Rng rng = _world.RngFor(_kind, index, LatentStream);
        VectorMath.AddNoise(position, ref rng, _kind == WorldModel.UsersKind ? _world.Scenario.World.UserNoise : _world.Scenario.World.ItemNoise);
        VectorMath.Normalize(position);
    }

    private static int IndexOf(IReadOnlyList<Category> categories, string value)
    {
        for (int i = 0; i < categories.Count; i++)
        {
            if (categories[i].Value == value)
            {
                return i;
            }
        }

        return -1;
    }
}
