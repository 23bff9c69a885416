metadata description = 'Storage account for the Functions host, Durable Functions task hub, ledgers and the deployment package. Entra ID only: shared keys are off.'

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Blob containers to create (deployment package, claim-check bodies).')
param containerNames string[]

@description('Queues to create (the events queue kept for parity with the local host).')
param queueNames string[]

@description('Tables to create (idempotency and cross-reference ledgers, exception records).')
param tableNames string[]

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Log Analytics workspace that receives the account\'s diagnostics.')
param logAnalyticsId string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    // Every caller authenticates with Entra ID; account keys and SAS signed with them are refused.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource containers 'containers' = [for containerName in containerNames: {
      name: containerName
      properties: {
        publicAccess: 'None'
      }
    }]
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [for queueName in queueNames: {
      name: queueName
    }]
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [for tableName in tableNames: {
      name: tableName
    }]
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storage
  properties: {
    workspaceId: logAnalyticsId
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
