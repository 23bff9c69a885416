using RetailSync.Odoo;
using RetailSync.OrderToCash.Parking;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Turns Odoo's business refusals into <see cref="StepProblem"/>s; lets transient failures through.</summary>
internal static class OdooStep
{
    public static async Task<StepOutcome<T>> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return new StepOutcome<T>(await call());
        }
        catch (OdooUnknownProductsException ex)
        {
            return new StepOutcome<T>(default, new StepProblem(ExceptionKinds.UnknownSku, ex.Message, Describe(ex)));
        }
        catch (OdooCustomerConflictException ex)
        {
            return new StepOutcome<T>(default, new StepProblem(ExceptionKinds.CustomerConflict, ex.Message, Describe(ex)));
        }
        catch (OdooBusinessException ex)
        {
            return new StepOutcome<T>(default, new StepProblem(ExceptionKinds.OdooBusinessError, ex.Message, Describe(ex)));
        }
    }

    private static string Describe(OdooException ex) =>
        $"{ex.ErrorName ?? ex.GetType().Name} ({ex.Model}.{ex.Method}): {ex.Message}";
}
