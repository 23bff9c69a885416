namespace RetailSync.Events;

/// <summary>
/// The customer as far as RetailSync needs to know them: enough to find or create a partner in the ERP,
/// nothing more (no addresses, phone numbers or payment details).
/// </summary>
/// <param name="ChannelCustomerId">The channel's customer id, when the channel has accounts.</param>
/// <param name="Email">Contact e-mail, used to match partners.</param>
/// <param name="Name">Display name.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 country of the billing or shipping address, for fiscal position.</param>
public sealed record CustomerIdentity(string? ChannelCustomerId, string? Email, string? Name, string? CountryCode);
