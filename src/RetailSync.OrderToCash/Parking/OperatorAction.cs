using System.Text.Json.Serialization;

namespace RetailSync.OrderToCash.Parking;

/// <summary>What an operator decides for a parked workflow.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperatorAction>))]
public enum OperatorAction
{
    /// <summary>Run the failed step again (e.g. after creating the missing SKU in Odoo).</summary>
    Retry = 0,

    /// <summary>Leave the step out and carry on (what that means per step is in docs/order-to-cash.md).</summary>
    SkipStep = 1,

    /// <summary>Cancel the order: in Odoo when it is there and not shipped, then end the workflow.</summary>
    Cancel = 2,
}
