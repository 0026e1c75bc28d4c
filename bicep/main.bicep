// The whole system in one subscription-scoped deployment, in the shape `azd up`
// expects: a resource group named after the azd environment, and in it monitoring,
// one Service Bus namespace (entities from infra/topology.json) and one Function app
// per microservice (functions/Npvr.Funding.<App>). Local modules only.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (one that offers Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@minLength(36)
@maxLength(36)
@description('Application (client) id of the Entra app registration that defines the Funding.* app roles (docs/deploy.md).')
param entraClientId string

@minLength(36)
@description('Comma-separated application (client) ids of the client apps allowed to call the API (the finance portal, the auditors\' tool, ...): tokens issued to any other client are refused with 401/403 by App Service Authentication (docs/deploy.md).')
param allowedClientApplicationIds string

// The four microservices of design.md section 1.
// Each must match a service in azure.yaml and a folder
// functions/Npvr.Funding.<name> with a host.json; the tests check both.
var apps = [
  'Registration'
  'Allocation'
  'Disbursement'
  'Spending'
]

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var names = {
  logAnalytics: 'log-${resourceToken}'
  appInsights: 'appi-${resourceToken}'
  serviceBus: 'sb-${resourceToken}'
}
var tags = {
  'azd-env-name': environmentName
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  scope: rg
  name: 'servicebus'
  params: {
    location: location
    tags: tags
    namespaceName: names.serviceBus
  }
}

module functionApps 'modules/app.bicep' = [
  for app in apps: {
    scope: rg
    name: 'app-${toLower(app)}'
    params: {
      appName: app
      location: location
      tags: tags
      resourceToken: resourceToken
      appInsightsName: names.appInsights
      appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
      serviceBusNamespaceName: names.serviceBus
      serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      entraClientId: entraClientId
      allowedClientApplicationIds: split(allowedClientApplicationIds, ',')
    }
  }
]

// azd stores these in the environment (.azure/<env>/.env).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output FUNCTION_APP_HOSTS array = [for (app, i) in apps: { app: app, host: functionApps[i].outputs.defaultHostName }]
