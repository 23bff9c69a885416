using System.Text.Json.Serialization;

namespace RetailSync.OrderToCash.Options;

/// <summary>What happens when a confirmed order is still unpaid at <see cref="OrderToCashOptions.UnpaidDeadline"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnpaidAction>))]
public enum UnpaidAction
{
    /// <summary>Record an <c>unpaid</c> exception for an operator; keep waiting for the payment.</summary>
    Alert = 0,

    /// <summary>Record the alert and cancel the order in Odoo when nothing has shipped.</summary>
    AlertAndCancel = 1,
}
