namespace RetailSync.Messaging;

/// <summary>
/// The storage account (configuration section <c>Storage</c>). Locally a connection string to Azurite
/// (<c>Storage:ConnectionString</c>, or the environment variable <c>RETAILSYNC_STORAGE_CONNECTION_STRING</c>);
/// in Azure the service URIs with a managed identity.
/// </summary>
public sealed record StorageOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Storage";

    /// <summary>The environment variable build.sh sets to a running Azurite.</summary>
    public const string ConnectionStringEnvironmentVariable = "RETAILSYNC_STORAGE_CONNECTION_STRING";

    /// <summary>A storage connection string (<c>Storage:ConnectionString</c>).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Queue service URI for identity-based access (<c>Storage:QueueServiceUri</c>), used when there is no connection string.</summary>
    public Uri? QueueServiceUri { get; init; }

    /// <summary>Blob service URI for identity-based access (<c>Storage:BlobServiceUri</c>), used when there is no connection string.</summary>
    public Uri? BlobServiceUri { get; init; }
}
