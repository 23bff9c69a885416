metadata description = 'Alert rules operators act on: dead-lettered events, failed orchestrations, ingest 5xx, Odoo circuit breaker open.'

@description('Azure region of the log alert rules.')
param location string

@description('Tags for the resources.')
param tags object

@description('Name prefix of the rules, e.g. the resource token.')
param namePrefix string

@description('Name of the action group.')
param actionGroupName string

@description('E-mail address that receives alerts; empty creates the action group without receivers.')
param alertEmail string

@description('Resource id of the Service Bus namespace.')
param serviceBusNamespaceId string

@description('Name of the events queue.')
param eventsQueueName string

@description('Resource id of the Application Insights component.')
param applicationInsightsId string

@description('Text that identifies the Odoo resilience pipeline in telemetry (pipeline name).')
param odooPipelineMarker string

var metricAlertPrefix = 'ma-${namePrefix}'
var logAlertPrefix = 'sqr-${namePrefix}'

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'retailsync'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Any dead-lettered event needs a person: the dispatcher parked it with a reason.
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${metricAlertPrefix}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'Events were dead-lettered on the events queue. Read the reason on the message (DeadLetterReason) and the exception record, fix, then resubmit.'
    severity: 1
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                eventsQueueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

var logAlerts = [
  {
    suffix: 'failed-orchestrations'
    severity: 1
    description: 'A workflow instance (order-to-cash, return-to-refund) failed. Open the workbook, find the instance id and its failure details.'
    // Durable Functions tracking traces: one per orchestrator state change.
    query: 'traces | where customDimensions.Category startswith "Host.Triggers.DurableTask" | where tostring(customDimensions.prop__functionType) == "Orchestrator" and tostring(customDimensions.prop__state) == "Failed" | summarize failures = count()'
    column: 'failures'
    threshold: 0
  }
  {
    suffix: 'ingest-5xx'
    severity: 1
    description: 'The webhook endpoint answered 5xx: channels will retry, but events may be late. Check the queue and the exceptions in Application Insights.'
    query: 'requests | where url has "/api/webhooks/" or name has "Webhook" | where toint(resultCode) >= 500 | summarize failures = count()'
    column: 'failures'
    threshold: 0
  }
  {
    suffix: 'odoo-breaker-open'
    severity: 2
    description: 'The Odoo circuit breaker opened: Odoo is failing or slow, workflows are waiting and retrying. Check Odoo\'s health and the Odoo latency chart.'
    // The Odoo client's own counter (retailsync.odoo.circuit.transitions, state=opened) and log, and Polly's
    // resilience telemetry for the "${odooPipelineMarker}" HTTP pipeline.
    query: 'union (customMetrics | where name == "retailsync.odoo.circuit.transitions" and tostring(customDimensions["state"]) == "opened" | summarize opened = sum(valueSum)), (customMetrics | where name == "resilience.polly.strategy.events" | where tostring(customDimensions["event.name"]) == "OnCircuitOpened" and tostring(customDimensions["pipeline.name"]) has "${odooPipelineMarker}" | summarize opened = sum(valueSum)), (traces | where message has "Odoo circuit opened" or (message has "OnCircuitOpened" and message has "${odooPipelineMarker}") | summarize opened = count()) | summarize opened = sum(opened)'
    column: 'opened'
    threshold: 0
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in logAlerts: {
  name: '${logAlertPrefix}-${alert.suffix}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Total'
          metricMeasureColumn: alert.column
          operator: 'GreaterThan'
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}]

output actionGroupId string = actionGroup.id
