using RetailSync.Testing;

namespace RetailSync.Dispatch.Tests.Support;

/// <summary>One Azurite for every storage test of this project.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
