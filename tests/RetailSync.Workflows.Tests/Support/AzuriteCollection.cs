using RetailSync.Testing;

namespace RetailSync.Workflows.Tests.Support;

/// <summary>One Azurite for every storage test of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
