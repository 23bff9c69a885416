metadata description = 'Service Bus namespace (Entra ID only) and the session-enabled, duplicate-detecting events queue.'

@description('Name of the namespace.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Standard for most retailers; Premium for isolation, predictable latency and larger messages.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string

@description('Messaging units when the SKU is Premium (ignored for Standard).')
@allowed([
  1
  2
  4
  8
  16
])
param premiumMessagingUnits int = 1

@description('Name of the events queue.')
param queueName string

@description('How long the broker remembers message ids to drop duplicates (ISO 8601, at most 7 days).')
param duplicateDetectionWindow string

@description('Deliveries before a message is dead-lettered.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('Peek-lock duration per delivery (ISO 8601, at most 5 minutes); the host renews it.')
param lockDuration string = 'PT1M'

@description('Time a message may wait before it expires into the dead-letter queue (ISO 8601).')
param messageTimeToLive string = 'P14D'

@description('Log Analytics workspace that receives the namespace\'s diagnostics and metrics.')
param logAnalyticsId string

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
    capacity: skuName == 'Premium' ? premiumMessagingUnits : null
  }
  properties: {
    // No SAS keys: senders and receivers authenticate with Entra ID (managed identity).
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource eventsQueue 'queues' = {
    name: queueName
    properties: {
      // One session per business key keeps the events of an order or a return in order.
      requiresSession: true
      // MessageId = CloudEvent id: the broker drops redelivered webhooks within the window.
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
      maxDeliveryCount: maxDeliveryCount
      deadLetteringOnMessageExpiration: true
      lockDuration: lockDuration
      defaultMessageTimeToLive: messageTimeToLive
      enableBatchedOperations: true
      enablePartitioning: false
      maxSizeInMegabytes: 5120
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = namespace.id
output name string = namespace.name
output queueName string = namespace::eventsQueue.name
// e.g. sb-abc.servicebus.windows.net, derived from the endpoint so it is right in every cloud.
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')
