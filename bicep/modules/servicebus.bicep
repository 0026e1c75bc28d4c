// Service Bus namespace and every entity of infra/topology.json. The entity list and
// the ARM properties are read from that file (the local broker reads the same file),
// so nothing here restates an entity name or a delivery setting.

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Service Bus namespace name.')
param namespaceName string

var topology = loadJsonContent('../../infra/topology.json')

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  // Standard is the lowest tier with topics and subscriptions.
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // No SAS keys at all: the apps can only connect with their managed identity,
    // so a connection string cannot leak into an app setting.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = [
  for topic in topology.topics: {
    parent: namespace
    name: topic.name
    properties: topic.properties
  }
]

// A flat list of subscriptions, each with the index of its topic, because a loop
// cannot nest.
var subscriptions = flatten(map(
  range(0, length(topology.topics)),
  i => map(topology.topics[i].subscriptions, sub => { topicIndex: i, name: sub.name, properties: sub.properties })
))

resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [
  for sub in subscriptions: {
    parent: topics[sub.topicIndex]
    name: sub.name
    properties: sub.properties
  }
]

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [
  for queue in topology.queues: {
    parent: namespace
    name: queue.name
    properties: queue.properties
  }
]

// The apps' ServiceBusConnection__fullyQualifiedNamespace: host name only, no key.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

// A dead letter is a message that no consumer could apply: an operator must look at it
// (tools/Npvr.Funding.Ops lists and resubmits them). One alert per queue and topic, because
// Service Bus reports DeadletteredMessages per entity (a topic's count covers its subscriptions).
var alertedEntities = concat(map(topology.topics, t => t.name), map(topology.queues, q => q.name))

resource deadLetterAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [
  for entityName in alertedEntities: {
    name: 'dead-letters-${entityName}'
    location: 'global'
    tags: tags
    properties: {
      description: 'Messages of ${entityName} were dead-lettered: list and resubmit them with tools/Npvr.Funding.Ops.'
      severity: 2
      enabled: true
      scopes: [namespace.id]
      evaluationFrequency: 'PT1M'
      windowSize: 'PT5M'
      criteria: {
        'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
        allOf: [
          {
            name: 'DeadLettered'
            criterionType: 'StaticThresholdCriterion'
            metricNamespace: 'Microsoft.ServiceBus/namespaces'
            metricName: 'DeadletteredMessages'
            dimensions: [
              {
                name: 'EntityName'
                operator: 'Include'
                values: [entityName]
              }
            ]
            operator: 'GreaterThan'
            threshold: 0
            timeAggregation: 'Maximum'
          }
        ]
      }
    }
  }
]
