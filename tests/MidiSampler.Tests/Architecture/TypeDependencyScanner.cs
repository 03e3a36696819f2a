using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MidiSampler.Tests.Architecture;

/// <summary>
/// Lists every use of one of an assembly's own types by another, read from the compiled assembly with
/// System.Reflection.Metadata: base types and interfaces, generic constraints, field, property, event and method
/// signatures, custom attributes, and method bodies (local variables, catch clauses, and every type, method, field or
/// token operand of the IL). So a reference hidden in a method body or a generic argument counts as much as one in a
/// public signature, and the check does not depend on the source's <c>using</c> lines.
/// </summary>
internal static class TypeDependencyScanner
{
    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    /// <summary>Scans the assembly file at <paramref name="assemblyPath"/>.</summary>
    public static IReadOnlyList<TypeDependency> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var found = new List<TypeDependency>();
        foreach (var handle in reader.TypeDefinitions)
            new TypeScan(reader, pe, handle, found).Run();
        return found;
    }

    /// <summary>The namespace of a type: a nested type's is that of its outermost declaring type.</summary>
    public static string NamespaceOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.IsNested)
            type = reader.GetTypeDefinition(type.GetDeclaringType());
        return reader.GetString(type.Namespace);
    }

    /// <summary>A type's name, nested types as <c>Outer+Inner</c>.</summary>
    public static string NameOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        string name = reader.GetString(type.Name);
        return type.IsNested ? NameOf(reader, type.GetDeclaringType()) + "+" + name : name;
    }

    private sealed class TypeScan(MetadataReader reader, PEReader pe, TypeDefinitionHandle from, List<TypeDependency> found)
    {
        private readonly string _fromName = NameOf(reader, from);
        private readonly string _fromNamespace = NamespaceOf(reader, from);

        public void Run()
        {
            var type = reader.GetTypeDefinition(from);
            Entity(type.BaseType, "base type");
            foreach (var i in type.GetInterfaceImplementations())
                Entity(reader.GetInterfaceImplementation(i).Interface, "interface");
            Constraints(type.GetGenericParameters(), "generic constraint");
            Attributes(type.GetCustomAttributes(), "attribute");
            foreach (var f in type.GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                string site = "field " + reader.GetString(field.Name);
                Add(field.DecodeSignature(DefinedTypeCollector.Instance, null), site);
                Attributes(field.GetCustomAttributes(), site);
            }

            foreach (var p in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(p);
                string site = "property " + reader.GetString(property.Name);
                var signature = property.DecodeSignature(DefinedTypeCollector.Instance, null);
                Add(signature.ReturnType, site);
                foreach (var parameter in signature.ParameterTypes)
                    Add(parameter, site);
                Attributes(property.GetCustomAttributes(), site);
            }

            foreach (var e in type.GetEvents())
            {
                var @event = reader.GetEventDefinition(e);
                Entity(@event.Type, "event " + reader.GetString(@event.Name));
            }

            foreach (var m in type.GetMethods())
                Method(m);
        }

        private void Method(MethodDefinitionHandle handle)
        {
            var method = reader.GetMethodDefinition(handle);
            string name = reader.GetString(method.Name);
            var signature = method.DecodeSignature(DefinedTypeCollector.Instance, null);
            Add(signature.ReturnType, $"method {name} signature");
            foreach (var parameter in signature.ParameterTypes)
                Add(parameter, $"method {name} signature");
            Constraints(method.GetGenericParameters(), $"method {name} generic constraint");
            Attributes(method.GetCustomAttributes(), $"method {name} attribute");
            if (method.RelativeVirtualAddress == 0)
                return;
            string site = $"method {name} body";
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(DefinedTypeCollector.Instance, null))
                    Add(local, site);
            }

            foreach (var region in body.ExceptionRegions)
            {
                if (!region.CatchType.IsNil)
                    Entity(region.CatchType, site);
            }

            Il(body.GetILReader(), site);
        }

        private void Il(BlobReader il, string site)
        {
            while (il.RemainingBytes > 0)
            {
                ushort value = il.ReadByte();
                if (value == 0xFE)
                    value = (ushort)(0xFE00 | il.ReadByte());
                var opCode = OpCodesByValue[value];
                switch (opCode.OperandType)
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()), site);
                        break;
                    case OperandType.InlineSig:
                        var signature = reader.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32()))
                            .DecodeMethodSignature(DefinedTypeCollector.Instance, null);
                        Add(DefinedTypeCollector.Instance.GetFunctionPointerType(signature), site);
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32(); // read first: Offset += ReadInt32() would add to the old offset
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    case OperandType.InlineNone:
                        break;
                    default: // InlineI, InlineBrTarget, ShortInlineR, InlineString
                        il.Offset += 4;
                        break;
                }
            }
        }

        private void Constraints(GenericParameterHandleCollection parameters, string site)
        {
            foreach (var p in parameters)
            {
                foreach (var c in reader.GetGenericParameter(p).GetConstraints())
                    Entity(reader.GetGenericParameterConstraint(c).Type, site);
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes, string site)
        {
            foreach (var a in attributes)
                Entity(reader.GetCustomAttribute(a).Constructor, site);
        }

        /// <summary>Records the types a token names: a type, or the declaring type and signature of a member.</summary>
        private void Entity(EntityHandle handle, string site)
        {
            if (handle.IsNil)
                return;
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    Add([(TypeDefinitionHandle)handle], site);
                    break;
                case HandleKind.TypeSpecification:
                    Add(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(DefinedTypeCollector.Instance, null), site);
                    break;
                case HandleKind.MethodDefinition:
                    Add([reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()], site);
                    break;
                case HandleKind.FieldDefinition:
                    Add([reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()], site);
                    break;
                case HandleKind.MemberReference:
                    var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent, site);
                    if (member.GetKind() == MemberReferenceKind.Field)
                    {
                        Add(member.DecodeFieldSignature(DefinedTypeCollector.Instance, null), site);
                    }
                    else
                    {
                        var signature = member.DecodeMethodSignature(DefinedTypeCollector.Instance, null);
                        Add(DefinedTypeCollector.Instance.GetFunctionPointerType(signature), site);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    var specification = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(specification.Method, site);
                    foreach (var argument in specification.DecodeSignature(DefinedTypeCollector.Instance, null))
                        Add(argument, site);
                    break;
                default: // TypeReference (another assembly), and the like
                    break;
            }
        }

        private void Add(ImmutableArray<TypeDefinitionHandle> types, string site)
        {
            foreach (var to in types)
            {
                if (to == from)
                    continue;
                found.Add(new TypeDependency(_fromName, _fromNamespace, NameOf(reader, to), NamespaceOf(reader, to), site));
            }
        }
    }
}
