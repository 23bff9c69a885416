metadata description = 'The RetailSync Function App: Flex Consumption site and its app settings (identity-based connections, Key Vault references).'

import { secretNames, keyVaultReference } from 'secret-names.bicep'

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity (for identity-based connections and DefaultAzureCredential).')
param identityClientId string

@description('Blob endpoint of the storage account.')
param storageBlobEndpoint string

@description('Queue endpoint of the storage account.')
param storageQueueEndpoint string

@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Fully qualified Service Bus namespace, e.g. sb-abc.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Name of the events queue.')
param eventsQueueName string

@description('Key Vault URI, e.g. https://kv-abc.vault.azure.net/.')
param keyVaultUri string

@description('Application Insights connection string (an ingestion endpoint and resource id, not a credential: local auth is off).')
param applicationInsightsConnectionString string

@description('Log Analytics workspace for platform logs.')
param logAnalyticsId string

@description('Upper bound of instances.')
param maximumInstanceCount int

@description('Memory per instance in MB.')
param instanceMemoryMB int

@description('Always-ready instances for the http group (webhooks, ops endpoints).')
param alwaysReadyHttpInstances int

@description('Always-ready instances for the durable group (orchestrators, activities, entities).')
param alwaysReadyDurableInstances int

@description('Concurrent HTTP requests per instance.')
param httpPerInstanceConcurrency int

@description('Base URL of the Odoo instance, e.g. https://acme.odoo.com.')
param odooBaseUrl string

@description('Odoo database name.')
param odooDatabase string

@description('Odoo user the API key belongs to.')
param odooLogin string

@description('Shopify shop (acme.myshopify.com) Loop returns belong to, so returns link to their Shopify orders; empty when Loop is not used.')
param loopShopDomain string = ''

@description('Deliveries after which the dispatcher dead-letters an event with its reason (below the broker\'s maxDeliveryCount).')
param dispatchMaxDeliveryAttempts int

var alwaysReady = concat(
  alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : [],
  alwaysReadyDurableInstances > 0 ? [{ name: 'durable', instanceCount: alwaysReadyDurableInstances }] : []
)

module functionApp '../core/host/flex-function-app.bicep' = {
  name: 'function-app'
  params: {
    name: name
    planName: planName
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identityId
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    deploymentContainerUrl: '${storageBlobEndpoint}${deploymentContainerName}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReady: alwaysReady
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    logAnalyticsId: logAnalyticsId
    // Every setting the code reads. Keep in step with local.settings.sample.json (a test compares them).
    appSettings: {
      // Functions host storage (bindings, Durable task hub): identity-based, no AccountKey.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
      AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
      AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
      // Service Bus trigger and sender: identity-based, no SharedAccessKey.
      ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identityClientId
      // Telemetry with Entra ID authentication (Application Insights has local auth disabled).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // DefaultAzureCredential in the worker picks the user-assigned identity.
      AZURE_CLIENT_ID: identityClientId
      // RetailSync libraries.
      Queues__Events: eventsQueueName
      Storage__BlobServiceUri: storageBlobEndpoint
      Storage__QueueServiceUri: storageQueueEndpoint
      Storage__TableServiceUri: storageTableEndpoint
      // Secrets the libraries read by name (webhook signing secrets) come from this vault directly (KeyVaultSecretStore).
      KeyVault__Uri: keyVaultUri
      Dispatch__MaxAttempts: string(dispatchMaxDeliveryAttempts)
      // The Service Bus trigger delivers events and a timer trigger sweeps parked ones: the local host's Storage-queue
      // pump and sweeper service must not run.
      Dispatch__PumpEnabled: 'false'
      Dispatch__SweepEnabled: 'false'
      // NCRONTAB schedule of the SweepUnrouted timer function.
      Dispatch__SweepSchedule: '0 */5 * * * *'
      Ingestion__MaxBodyBytes: '1048576'
      Webhooks__Loop__ShopDomain: loopShopDomain
      OrderToCash__InvoicePolicy: 'OnPayment'
      // Return-to-refund: refunds above this amount wait for an operator's approval (docs/return-to-refund.md).
      ReturnToRefund__ApprovalThreshold: '500'
      Odoo__BaseUrl: odooBaseUrl
      Odoo__Database: odooDatabase
      Odoo__Login: odooLogin
      Odoo__ApiKey: keyVaultReference(keyVaultUri, secretNames.odooApiKey)
      // Refunds at the gateway (return-to-refund): Stripe's secret key; Stripe's own API base by default.
      Payments__Stripe__ApiKey: keyVaultReference(keyVaultUri, secretNames.stripeApiKey)
    }
  }
}

output name string = functionApp.outputs.name
output defaultHostName string = functionApp.outputs.defaultHostName
