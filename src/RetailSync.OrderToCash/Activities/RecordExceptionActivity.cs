using RetailSync.Ledgers.Exceptions;
using RetailSync.Workflows.Orchestration;

namespace RetailSync.OrderToCash.Activities;

/// <summary>Writes an exception record (idempotent on its deterministic id) and returns its id.</summary>
public sealed class RecordExceptionActivity(ExceptionLedgerClient exceptions) : Activity<ExceptionDraft, string>
{
    public override async Task<string> RunAsync(ActivityContext context, ExceptionDraft input, CancellationToken cancellationToken) =>
        (await exceptions.RecordAsync(input, cancellationToken)).Id;
}
