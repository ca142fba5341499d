using System;
using System.Collections.Generic;
using System.Linq;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>Least-squares fit of log(time) against log(N): the slope is the growth exponent.</summary>
    internal static class Fit
    {
        public static double Exponent(IReadOnlyList<(double N, double Ms)> points)
        {
            var logs = points.Where(p => p.Ms > 0).Select(p => (X: Math.Log(p.N), Y: Math.Log(p.Ms))).ToList();
            double meanX = logs.Average(p => p.X);
            double meanY = logs.Average(p => p.Y);
            double covariance = logs.Sum(p => (p.X - meanX) * (p.Y - meanY));
            double variance = logs.Sum(p => (p.X - meanX) * (p.X - meanX));
            return variance == 0 ? double.NaN : covariance / variance;
        }
    }
}
