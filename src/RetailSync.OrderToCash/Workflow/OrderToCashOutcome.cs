using System.Text.Json.Serialization;

namespace RetailSync.OrderToCash.Workflow;

/// <summary>How an order-to-cash instance ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderToCashOutcome>))]
public enum OrderToCashOutcome
{
    /// <summary>Delivered in full (or remainder dropped by policy), invoiced and paid.</summary>
    Completed = 0,

    /// <summary>Cancelled by the channel before anything shipped (a refund owed is recorded for the refund path).</summary>
    Cancelled = 1,

    /// <summary>An operator cancelled the order while it was parked.</summary>
    CancelledByOperator = 2,

    /// <summary>Cancelled because it stayed unpaid past the deadline (policy <c>AlertAndCancel</c>).</summary>
    CancelledUnpaid = 3,

    /// <summary>Cancelled after shipment: handed to the return path by an operator.</summary>
    CancelledAfterShipment = 4,

    /// <summary>An operator skipped placing the order: Odoo is kept by hand for it.</summary>
    NotPlaced = 5,
}
