// Lets an app's identity send telemetry to Application Insights, which has local
// (key) ingestion disabled. Scoped to the one component.

@description('Application Insights component name.')
param appInsightsName string

@description('Object id of the app\'s system-assigned identity.')
param principalId string

@description('Resource id of the app; names the assignment, because the principal id is only known at deploy time.')
param appResourceId string

// Built-in role: Monitoring Metrics Publisher.
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, appResourceId, monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
