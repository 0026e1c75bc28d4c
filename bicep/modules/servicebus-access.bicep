// Service Bus data roles for one app, read from the "access" lists of
// infra/topology.json and scoped to each entity: Sender on a queue or topic the app
// sends to, Receiver on a queue or on the topic *subscription* it receives from.
// Nothing is granted on the namespace. A test proves the access lists equal what
// the app's function.json files use.

@description('Service Bus namespace name.')
param namespaceName string

@description('App name as used in topology.json access lists, e.g. Registration.')
param appName string

@description('Object id of the app\'s system-assigned identity.')
param principalId string

@description('Resource id of the app; names the assignments, because the principal id is only known at deploy time.')
param appResourceId string

var topology = loadJsonContent('../../infra/topology.json')

// Built-in roles: Azure Service Bus Data Sender / Data Receiver.
var sender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var receiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

// Indexes into the lists below of the entities this app uses.
var subscriptions = flatten(map(
  range(0, length(topology.topics)),
  t => map(topology.topics[t].subscriptions, s => { topicIndex: t, name: s.name, access: s.?access })
))
var sendQueues = filter(range(0, length(topology.queues)), i => contains(topology.queues[i].?access.?send ?? [], appName))
var receiveQueues = filter(range(0, length(topology.queues)), i => contains(topology.queues[i].?access.?receive ?? [], appName))
var sendTopics = filter(range(0, length(topology.topics)), i => contains(topology.topics[i].?access.?send ?? [], appName))
var receiveSubscriptions = filter(range(0, length(subscriptions)), i => contains(subscriptions[i].?access.?receive ?? [], appName))

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: namespaceName
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' existing = [
  for q in topology.queues: {
    parent: namespace
    name: q.name
  }
]

resource topics 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' existing = [
  for t in topology.topics: {
    parent: namespace
    name: t.name
  }
]

resource topicSubscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' existing = [
  for s in subscriptions: {
    parent: topics[s.topicIndex]
    name: s.name
  }
]

resource sendQueueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in sendQueues: {
    scope: queues[i]
    name: guid(queues[i].id, appResourceId, sender)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sender)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource receiveQueueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in receiveQueues: {
    scope: queues[i]
    name: guid(queues[i].id, appResourceId, receiver)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', receiver)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource sendTopicRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in sendTopics: {
    scope: topics[i]
    name: guid(topics[i].id, appResourceId, sender)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sender)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Receive on a topic is granted on the subscription, never on the whole topic.
resource receiveSubscriptionRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for i in receiveSubscriptions: {
    scope: topicSubscriptions[i]
    name: guid(topicSubscriptions[i].id, appResourceId, receiver)
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', receiver)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]
