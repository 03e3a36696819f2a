using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace MidiSampler.Tests.Architecture;

/// <summary>
/// Decodes metadata signatures into the types of the scanned assembly they mention (its own type definitions; types
/// of other assemblies are not layers of ours and are dropped). Generic instantiations, arrays, pointers, by-refs,
/// modifiers and function pointers are looked through, so <c>SpscRing&lt;MidiEvent&gt;[]</c> yields both types.
/// </summary>
internal sealed class DefinedTypeCollector : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
{
    public static readonly DefinedTypeCollector Instance = new();

    private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

    public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
        Join(signature.ParameterTypes.Add(signature.ReturnType));

    public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
        Join(typeArguments.Add(genericType));

    public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

    public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

    public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) =>
        modifier.AddRange(unmodifiedType);

    public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;

    public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

    public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

    public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => None;

    public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    private static ImmutableArray<TypeDefinitionHandle> Join(ImmutableArray<ImmutableArray<TypeDefinitionHandle>> parts)
    {
        var all = ImmutableArray.CreateBuilder<TypeDefinitionHandle>();
        foreach (var part in parts)
            all.AddRange(part);
        return all.ToImmutable();
    }
}
