namespace RetailSync.Infra.Tests.Support;

/// <summary>Test classes in this collection share one compilation of <c>infra/main.bicep</c>.</summary>
[CollectionDefinition(Name)]
public sealed class MainTemplateCollection : ICollectionFixture<CompiledMainTemplate>
{
    public const string Name = "main.bicep";
}
