using RetailSync.Ledgers.Exceptions;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Marks an exception record resolved with the operator's decision (the first resolution stands).</summary>
public sealed class ResolveExceptionActivity(ExceptionLedgerClient exceptions) : Activity<ResolveExceptionInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, ResolveExceptionInput input, CancellationToken cancellationToken) =>
        await exceptions.ResolveAsync(input.ExceptionId, input.Resolution, input.ResolvedBy, cancellationToken) is not null;
}
