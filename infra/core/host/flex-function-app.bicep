metadata description = 'A Linux Function App on the Flex Consumption plan (FC1) running under a user-assigned identity.'

@description('Name of the Function App.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('azd service name the site is tagged with (azd-service-name).')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Language runtime of the worker.')
param runtimeName string

@description('Version of the language runtime.')
param runtimeVersion string

@description('Blob container URL that holds the deployment package.')
param deploymentContainerUrl string

@description('Upper bound of instances the platform may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance; CPU and network scale with it.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Always-ready (pre-provisioned) instances per function group, e.g. http and durable.')
param alwaysReady {
  @description('Function group (http, durable, blob) or function:<name>.')
  name: string
  @description('Instances kept warm.')
  instanceCount: int
}[]

@description('Concurrent HTTP requests one instance takes before the platform adds another.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('App settings. Identity-based connections and Key Vault references only: never keys or connection strings.')
param appSettings object

@description('Log Analytics workspace that receives the app\'s platform logs.')
param logAnalyticsId string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references in app settings resolve with the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Publishing with user/password credentials is off: deployments authenticate with Entra ID.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
