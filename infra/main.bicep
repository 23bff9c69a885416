targetScope = 'subscription'

metadata description = 'RetailSync on Azure: Flex Consumption Function App, Service Bus, Storage, Key Vault, monitoring. Entra ID everywhere, no keys.'

import { secretNames } from 'app/secret-names.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd env name): part of every resource name through the resource token.')
param environmentName string

@minLength(1)
@description('Azure region of every resource (one that offers Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or reuse; empty means rg-<environmentName>.')
param resourceGroupName string = ''

@description('Service Bus tier: Standard, or Premium for isolation and predictable latency.')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Premium messaging units (Premium only).')
@allowed([
  1
  2
  4
  8
  16
])
param serviceBusPremiumMessagingUnits int = 1

@description('Name of the events queue (Service Bus queue and, for parity with the local host, storage queue).')
param eventsQueueName string = 'retail-events'

@description('Broker duplicate detection window (ISO 8601, at most P7D); the dispatcher\'s ledger drops later duplicates.')
param duplicateDetectionWindow string = 'P1D'

@description('Deliveries after which the broker dead-letters a message (a backstop: the dispatcher dead-letters earlier, with a reason).')
@minValue(2)
@maxValue(100)
param serviceBusMaxDeliveryCount int = 10

@description('Deliveries after which the dispatcher dead-letters an event with its reason.')
@minValue(1)
@maxValue(99)
param dispatchMaxDeliveryAttempts int = 5

@description('Upper bound of Function App instances (also bounds the load on Odoo: instances x maxConcurrentActivityFunctions).')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Always-ready instances for the http group (webhooks answer without a cold start).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 1

@description('Always-ready instances for the durable group (orchestrators and activities).')
@minValue(0)
@maxValue(20)
param alwaysReadyDurableInstances int = 1

@description('Concurrent HTTP requests per instance before the platform scales out.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Base URL of Odoo, e.g. https://acme.odoo.com.')
param odooBaseUrl string

@description('Odoo database name.')
param odooDatabase string

@description('Odoo user the API key belongs to.')
param odooLogin string

@description('Shopify shop (acme.myshopify.com) Loop returns belong to; empty when Loop is not used.')
param loopShopDomain string = ''

@description('Text identifying the Odoo resilience pipeline in telemetry (for the breaker-open alert).')
param odooPipelineMarker string = 'odoo'

@description('E-mail address for alerts; empty creates no receiver.')
param alertEmail string = ''

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Ledger tables (the Ledgers library\'s defaults: events, cross-references, exceptions, audit, unrouted); the library creates missing ones too.')
param ledgerTableNames string[] = [
  'RetailSyncEvents'
  'RetailSyncCrossReferences'
  'RetailSyncExceptions'
  'RetailSyncAudit'
  'RetailSyncUnrouted'
]

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Optional initial secret values by Key Vault secret name (odoo-api-key, Webhooks--Stripe--Secrets, ...). Usually left empty and set with az keyvault secret set.')
@secure()
param secretValues object = {}

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'retailsync'
}
// Names are known at compile time so what-if can predict every resource and role assignment.
var names = {
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  serviceBus: '${abbrs.serviceBusNamespaces}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  functionApp: '${abbrs.webSitesFunctions}${resourceToken}'
  actionGroup: '${abbrs.insightsActionGroups}${resourceToken}'
}
var deploymentContainerName = 'app-package'
// Queues:ClaimCheckContainer defaults to '<events queue>-claims' in the Messaging library.
var claimCheckContainerName = '${eventsQueueName}-claims'
var odooHost = contains(odooBaseUrl, '://') ? split(split(odooBaseUrl, '://')[1], '/')[0] : odooBaseUrl

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSkuName
    containerNames: [
      deploymentContainerName
      claimCheckContainerName
    ]
    // Storage-queue parity with the local host (events and their dead letters); Service Bus carries them in Azure.
    queueNames: [
      eventsQueueName
      '${eventsQueueName}-deadletter'
    ]
    tableNames: ledgerTableNames
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module serviceBus 'core/messaging/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    skuName: serviceBusSku
    premiumMessagingUnits: serviceBusPremiumMessagingUnits
    queueName: eventsQueueName
    duplicateDetectionWindow: duplicateDetectionWindow
    maxDeliveryCount: serviceBusMaxDeliveryCount
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secretNames: map(items(secretNames), secret => secret.value)
    secretValues: secretValues
    logAnalyticsId: monitoring.outputs.logAnalyticsId
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  // Names are passed as compile-time values (what-if precision), so the order is explicit.
  dependsOn: [
    identity
    monitoring
    storage
    serviceBus
    keyVault
  ]
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  // The app reads storage, Service Bus and Key Vault as soon as it starts: grant the roles first.
  dependsOn: [
    rbac
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    eventsQueueName: serviceBus.outputs.queueName
    keyVaultUri: keyVault.outputs.vaultUri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    odooBaseUrl: odooBaseUrl
    odooDatabase: odooDatabase
    odooLogin: odooLogin
    loopShopDomain: loopShopDomain
    dispatchMaxDeliveryAttempts: dispatchMaxDeliveryAttempts
  }
}

module alerts 'core/monitor/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    namePrefix: resourceToken
    actionGroupName: names.actionGroup
    alertEmail: alertEmail
    serviceBusNamespaceId: serviceBus.outputs.id
    eventsQueueName: serviceBus.outputs.queueName
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    odooPipelineMarker: odooPipelineMarker
  }
}

module workbook 'core/monitor/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    displayName: 'RetailSync operations (${environmentName})'
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    odooHost: odooHost
  }
}

// azd reads these into the environment.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = 'https://${api.outputs.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
