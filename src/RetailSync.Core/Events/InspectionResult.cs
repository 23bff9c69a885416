using System.Text.Json.Serialization;

namespace RetailSync.Events;

/// <summary>What the warehouse found when it inspected a returned unit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InspectionResult>))]
public enum InspectionResult
{
    /// <summary>As new: can be sold again.</summary>
    [JsonStringEnumMemberName("as_new")]
    AsNew,

    /// <summary>Opened or lightly used.</summary>
    [JsonStringEnumMemberName("used")]
    Used,

    /// <summary>Damaged.</summary>
    [JsonStringEnumMemberName("damaged")]
    Damaged,

    /// <summary>Faulty.</summary>
    [JsonStringEnumMemberName("defective")]
    Defective,

    /// <summary>Not the item that was sold.</summary>
    [JsonStringEnumMemberName("wrong_item")]
    WrongItem,

    /// <summary>Announced but not in the parcel.</summary>
    [JsonStringEnumMemberName("missing")]
    Missing,
}
