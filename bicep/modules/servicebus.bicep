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
