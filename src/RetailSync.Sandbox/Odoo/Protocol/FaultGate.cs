using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RetailSync.Sandbox.Odoo.Protocol;

/// <summary>Applies latency, 5xx and timeouts before a call is served; shared by both transports.</summary>
internal static partial class FaultGate
{
    /// <summary>Returns false when the call must not be served (a 5xx was written, the client left, or the host is stopping).</summary>
    public static async Task<bool> BeforeAsync(HttpContext http, OdooSandboxState state, OdooFaultDecision decision, string model, string method)
    {
        var time = state.Options.TimeProvider;
        var stopping = http.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            var latency = state.Faults.Latency;
            if (latency > TimeSpan.Zero)
            {
                await Task.Delay(latency, time, gone.Token);
            }

            if (decision.ServerError)
            {
                LogFault(state.Logger, "server error", model, method);
                http.Response.StatusCode = state.Faults.ServerErrorStatusCode;
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync("<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>", http.RequestAborted);
                return false;
            }

            if (decision.Timeout)
            {
                LogFault(state.Logger, "timeout", model, method);
                await Task.Delay(state.Faults.HangFor, time, gone.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (gone.IsCancellationRequested)
        {
            state.Abandoned();
            if (!http.RequestAborted.IsCancellationRequested)
            {
                http.Abort();
            }

            return false;
        }
    }

    public static void LoseReply(HttpContext http, OdooSandboxState state, string model, string method)
    {
        LogFault(state.Logger, "lost reply after commit", model, method);
        http.Abort();
    }

    public static void LogFault(ILogger logger, string fault, string model, string method)
    {
        SandboxTelemetry.Faults.Add(1, new KeyValuePair<string, object?>("odoo.fault", fault), new KeyValuePair<string, object?>("odoo.model", model), new KeyValuePair<string, object?>("odoo.method", method));
        LogInjected(logger, fault, model, method);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Odoo sandbox injected {Fault} on {Model}.{Method}")]
    private static partial void LogInjected(ILogger logger, string fault, string model, string method);
}
