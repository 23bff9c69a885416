// Development: small and cheap. Scale to zero (no always-ready instances), Standard Service Bus, LRS storage.
// Odoo settings come from the environment (the deploy workflow sets them from GitHub environment variables).
using '../main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'retailsync-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param odooBaseUrl = readEnvironmentVariable('ODOO_BASE_URL')
param odooDatabase = readEnvironmentVariable('ODOO_DATABASE')
param odooLogin = readEnvironmentVariable('ODOO_LOGIN')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')

param serviceBusSku = 'Standard'
param storageSkuName = 'Standard_LRS'
param functionMaximumInstanceCount = 10
param functionInstanceMemoryMB = 2048
param alwaysReadyHttpInstances = 0
param alwaysReadyDurableInstances = 0
param httpPerInstanceConcurrency = 16
param duplicateDetectionWindow = 'PT6H'
param logRetentionInDays = 30
