namespace RecForge.Fit;

/// <summary>A user simulated for calibration: unit interest positions and their weights (summing to 1).</summary>
internal sealed record SimulatedUser(float[][] Interests, double[] Weights);
