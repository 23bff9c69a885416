metadata description = 'Key Vault with RBAC authorization, soft delete and purge protection, and the application\'s secrets.'

@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Names of the secrets the application reads through Key Vault references.')
param secretNames string[]

@description('Optional initial values by secret name; secrets without a value are left for operators to set (az keyvault secret set).')
@secure()
param secretValues object = {}

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Log Analytics workspace that receives the vault\'s audit events.')
param logAnalyticsId string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access through Azure RBAC only (no access policies).
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [for secretName in secretNames: if (contains(secretValues, secretName)) {
  parent: vault
  name: secretName
  properties: {
    value: secretValues[secretName]
    contentType: 'text/plain'
  }
}]

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output id string = vault.id
output name string = vault.name
output vaultUri string = vault.properties.vaultUri
