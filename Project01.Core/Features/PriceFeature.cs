using System.Linq.Expressions;

namespace Project01.Core.Features;

/// <summary>
/// One feature of a view, declared once: its name, the bar at which it is first defined (1-based: NaN on the bars
/// before <paramref name="WarmUp"/>, defined from it on), what it means, and how it is read from the per-bar
/// indicator state. <paramref name="Value"/> is an expression so that the engine can compile all of a view's
/// features into one method (see <see cref="PriceFeatureEngine"/>); <c>Value.Compile()</c> evaluates one alone.
/// </summary>
public sealed record PriceFeature(string Name, int WarmUp, string Description, Expression<Func<PriceIndicators, double>> Value);
