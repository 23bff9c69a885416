namespace RetailSync.Payments;

/// <summary>
/// A gateway refused or failed a call. <see cref="IsTransient"/> is true for timeouts, rate limits, 5xx and
/// connection failures: retrying with the same idempotency key is safe and may succeed. Otherwise the refusal is
/// a business answer (<see cref="Code"/>, e.g. <c>charge_already_refunded</c>) for an operator.
/// </summary>
public class PaymentGatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PaymentGatewayException(string gateway, string message, bool isTransient, string? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Gateway = gateway;
        IsTransient = isTransient;
        Code = code;
    }

    /// <summary>Creates an exception with no gateway detail.</summary>
    public PaymentGatewayException()
        : this("unknown", "The payment gateway failed.", isTransient: false)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public PaymentGatewayException(string message)
        : this("unknown", message, isTransient: false)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public PaymentGatewayException(string message, Exception innerException)
        : this("unknown", message, isTransient: false, innerException: innerException)
    {
    }

    /// <summary>The gateway's name.</summary>
    public string Gateway { get; }

    /// <summary>Whether retrying with the same idempotency key may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>The gateway's error code, when it gave one.</summary>
    public string? Code { get; }
}
