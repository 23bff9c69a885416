// Production: warm instances for webhooks and workflows, Premium Service Bus, zone-redundant storage.
// maximumInstanceCount x host.json maxConcurrentActivityFunctions bounds the calls in flight to Odoo.
using '../main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'retailsync-prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param odooBaseUrl = readEnvironmentVariable('ODOO_BASE_URL')
param odooDatabase = readEnvironmentVariable('ODOO_DATABASE')
param odooLogin = readEnvironmentVariable('ODOO_LOGIN')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')

param serviceBusSku = 'Premium'
param serviceBusPremiumMessagingUnits = 1
param storageSkuName = 'Standard_ZRS'
param functionMaximumInstanceCount = 40
param functionInstanceMemoryMB = 2048
param alwaysReadyHttpInstances = 2
param alwaysReadyDurableInstances = 1
param httpPerInstanceConcurrency = 16
param duplicateDetectionWindow = 'P1D'
param serviceBusMaxDeliveryCount = 10
param dispatchMaxDeliveryAttempts = 5
param logRetentionInDays = 90
