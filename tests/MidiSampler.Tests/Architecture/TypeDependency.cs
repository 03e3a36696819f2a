namespace MidiSampler.Tests.Architecture;

/// <summary>One use of a type by another type of the same assembly, found in the compiled metadata.</summary>
/// <param name="FromType">The using type (nested types as <c>Outer+Inner</c>).</param>
/// <param name="FromNamespace">The using type's namespace (a nested type's is its outermost type's).</param>
/// <param name="ToType">The used type.</param>
/// <param name="ToNamespace">The used type's namespace.</param>
/// <param name="Site">Where the use is: "base type", "field _x", "method Foo signature", "method Foo body", ...</param>
internal sealed record TypeDependency(string FromType, string FromNamespace, string ToType, string ToNamespace, string Site);
