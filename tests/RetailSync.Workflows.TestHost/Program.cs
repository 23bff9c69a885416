using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetailSync.Workflows.Embedded.Hosting;
using RetailSync.Workflows.TestHost;

// Configuration comes from the environment: RETAILSYNC_STORAGE_CONNECTION_STRING, Workflows__TaskHub,
// TestHost__CompletionsTable (and any other Workflows__* setting).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connection = Environment.GetEnvironmentVariable(EmbeddedWorkflowServiceCollectionExtensions.ConnectionStringVariable)
    ?? throw new InvalidOperationException("RETAILSYNC_STORAGE_CONNECTION_STRING is not set.");
var completions = new TableClient(connection, builder.Configuration["TestHost:CompletionsTable"] ?? "CrashTestCompletions");
await completions.CreateIfNotExistsAsync();
builder.Services.AddSingleton(completions);
builder.Services.AddEmbeddedWorkflowRuntime(builder.Configuration, registry => registry
    .AddOrchestrator<CrashTestWorkflow>(CrashTestWorkflow.Name)
    .AddActivity<RecordStepActivity>(RecordStepActivity.Name));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("READY");
await host.WaitForShutdownAsync();
