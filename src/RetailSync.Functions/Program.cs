using Azure.Core;
using Azure.Core.Serialization;
using Azure.Identity;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RetailSync.Functions.Dispatch;
using RetailSync.Functions.Hosting;
using RetailSync.Functions.Messaging;
using RetailSync.Functions.Workflows;
using RetailSync.Hosting;
using RetailSync.Workflows;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// One credential for every Azure client: in Azure the user-assigned identity (AZURE_CLIENT_ID), locally the
// developer's own sign-in (Visual Studio, Azure CLI, azd).
TokenCredential credential = new DefaultAzureCredential();
builder.Services.AddSingleton(credential);

// Workflow inputs, outputs, events and custom status use the libraries' JSON settings (the Durable extension
// serialises with the worker's ObjectSerializer).
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(WorkflowJson.Options));

// Before AddRetailSync: the ledgers take this identity-based client instead of a connection string.
builder.AddIdentityBasedTableStorage(credential);
// Functions flavour of the composition: everything the functions call (ingestion, dispatcher, ledgers, workflows'
// registry and activities' dependencies, Odoo client, ops handlers), but no embedded workflow runtime, no Storage
// queue pump and no sweeper service: Durable Functions, the Service Bus trigger and the timer trigger replace them.
builder.AddRetailSync(RetailSyncHost.Functions);
builder.AddServiceBusEventQueue(credential);
builder.Services.AddSingleton<WorkflowInvoker>();
builder.Services.AddSingleton<DispatcherFactory>();
builder.AddRetailSyncTelemetry(credential);

builder.Build().Run();
