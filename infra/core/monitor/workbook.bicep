metadata description = 'The operators\' workbook: orders and returns by state, parked exceptions, refunds pending, queue depth, Odoo latency.'

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Display name of the workbook.')
param displayName string

@description('Log Analytics workspace the workbook queries (workspace-based Application Insights tables and platform metrics).')
param logAnalyticsId string

@description('Host name of Odoo, to pick its calls out of the dependency telemetry.')
param odooHost string

var content = loadJsonContent('ops-workbook.json')

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // Workbook names must be GUIDs; this one is stable per resource group.
  name: guid(resourceGroup().id, 'retailsync-operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: logAnalyticsId
    serializedData: replace(string(union(content, { fallbackResourceIds: [ logAnalyticsId ] })), '__ODOO_HOST__', odooHost)
  }
}

output id string = workbook.id
