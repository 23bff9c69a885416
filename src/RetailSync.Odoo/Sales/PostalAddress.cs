namespace RetailSync.Odoo;

/// <summary>A postal address as a channel gives it; <see cref="CountryCode"/> is ISO 3166-1 alpha-2.</summary>
public sealed record PostalAddress(string? Street, string? Street2, string? City, string? Zip, string? CountryCode);
