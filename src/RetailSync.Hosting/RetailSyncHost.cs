namespace RetailSync.Hosting;

/// <summary>Which host RetailSync runs in; decides what replaces the Azure-only pieces.</summary>
public enum RetailSyncHost
{
    /// <summary>
    /// The local ASP.NET Core host: the embedded durable runtime runs the workflows, and the Storage-queue
    /// pump and the unrouted sweeper run the dispatcher (unless <c>Dispatch:PumpEnabled</c> /
    /// <c>Dispatch:SweepEnabled</c> turn them off).
    /// </summary>
    Local,

    /// <summary>
    /// The Azure Functions isolated worker: Durable Functions runs the workflows and the Service Bus trigger
    /// and a timer function run the dispatcher, so neither the embedded runtime nor the pump is registered.
    /// </summary>
    Functions,
}
