namespace RetailSync.Secrets;

/// <summary>
/// Where RetailSync reads secrets (webhook signing secrets, API keys). Names are configuration paths
/// (<c>Webhooks:Stripe:Secrets</c>); a name may hold several values so a secret can be rotated with the old
/// and the new one both valid. Adapters: configuration (local), Azure Key Vault (Azure).
/// </summary>
public interface ISecretStore
{
    /// <summary>All current values of the secret, newest first; empty when none is configured.</summary>
    ValueTask<IReadOnlyList<string>> GetSecretsAsync(string name, CancellationToken cancellationToken = default);
}
