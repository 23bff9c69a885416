using System.Text.Json.Serialization;

namespace RetailSync.Events;

/// <summary>Where a returned unit goes after inspection.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnDisposition>))]
public enum ReturnDisposition
{
    /// <summary>Back to sellable stock.</summary>
    [JsonStringEnumMemberName("restock")]
    Restock,

    /// <summary>To be refurbished before it is sold again.</summary>
    [JsonStringEnumMemberName("refurbish")]
    Refurbish,

    /// <summary>Held apart until someone decides.</summary>
    [JsonStringEnumMemberName("quarantine")]
    Quarantine,

    /// <summary>Sent back to the vendor.</summary>
    [JsonStringEnumMemberName("vendor_return")]
    VendorReturn,

    /// <summary>Written off.</summary>
    [JsonStringEnumMemberName("scrap")]
    Scrap,
}
