using RetailSync.Odoo;
using RetailSync.OrderToCash.Activities;
using RetailSync.Payments;
using RetailSync.ReturnToRefund.Parking;

namespace RetailSync.ReturnToRefund.Activities;

/// <summary>
/// Turns business refusals (Odoo's, the gateway's) into <see cref="StepProblem"/>s; lets transient failures through,
/// so the workflow's retry policy retries them with the same idempotency keys.
/// </summary>
internal static class ReturnStep
{
    public static async Task<StepOutcome<T>> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return new StepOutcome<T>(await call());
        }
        catch (OdooBusinessException ex)
        {
            return new StepOutcome<T>(default, new StepProblem(ReturnExceptionKinds.OdooBusinessError, ex.Message, $"{ex.ErrorName ?? ex.GetType().Name} ({ex.Model}.{ex.Method}): {ex.Message}"));
        }
        catch (PaymentGatewayException ex) when (!ex.IsTransient)
        {
            return new StepOutcome<T>(default, new StepProblem(ReturnExceptionKinds.RefundRefused, $"{ex.Gateway} refused the refund: {ex.Message}", ex.Code));
        }
    }

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
