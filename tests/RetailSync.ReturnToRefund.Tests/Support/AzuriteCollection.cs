using RetailSync.Testing;

namespace RetailSync.ReturnToRefund.Tests.Support;

/// <summary>One private Azurite for the whole project (ledgers live in Table Storage).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
