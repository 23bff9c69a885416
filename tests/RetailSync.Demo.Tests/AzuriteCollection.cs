using RetailSync.Testing;

namespace RetailSync.Demo.Tests;

/// <summary>One private Azurite for the project; the trading days run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
