// One Function app on its own Flex Consumption plan (Flex allows one app per plan),
// running a custom handler: runtime `custom` 1.0, so the platform starts the
// self-contained executable named in the app's host.json. No secret is in its
// settings: storage, Service Bus and Application Insights are all reached with the
// app's system-assigned identity.

@description('Function app name (globally unique host name).')
param name string

@description('Azure region.')
param location string

@description('Tags put on every resource; the azd service tag is added here.')
param tags object

@description('Service name in azure.yaml; azd finds the app by this tag.')
param azdServiceName string

@description('Host storage account (AzureWebJobsStorage and the deployment container).')
param hostStorageName string

@description('Blob endpoint of the host storage account.')
param hostStorageBlobEndpoint string

@description('Container that holds the deployment package.')
param deploymentContainerName string

@description('Table endpoint of the app\'s own state storage account.')
param stateTableEndpoint string

@description('Blob endpoint of the app\'s state storage account, for apps that keep blobs there (Spending: journal checkpoints); empty for none.')
param stateBlobEndpoint string = ''

@description('Key Vault URI holding the key that signs journal checkpoints (Spending); empty for none.')
param auditKeyVaultUri string = ''

@description('Name of that key; empty for none.')
param auditKeyName string = ''

@description('Fully qualified Service Bus namespace, e.g. sb-x.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Application Insights connection string (no key is usable: local auth is off).')
param appInsightsConnectionString string

@description('Application (client) id of the Entra app registration that carries the app roles.')
param entraClientId string

@minLength(1)
@description('Application (client) ids of the client apps whose tokens App Service Authentication accepts.')
param allowedClientApplicationIds string[]

@description('Upper bound for scale-out.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

// Each deployment of an app makes a new key: continuation tokens are short-lived, so a redeploy only makes clients
// start their paging again, and only the app that issued a token opens it. Two GUIDs are 244 random bits.
@secure()
@description('Base64 key (32 bytes or more) that binds continuation tokens to their query (Paging__TokenKey).')
param pagingTokenKey string = base64('${newGuid()}${newGuid()}')

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption replaces FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
      // WEBSITE_RUN_FROM_PACKAGE and the like by functionAppConfig below: they must
      // not be set here (custom-handlers.md 7.4; a test checks).
      appSettings: [
        // Host storage by identity; the account name form is the one Flex samples use.
        { name: 'AzureWebJobsStorage__accountName', value: hostStorageName }
        // The ServiceBusConnection of every function.json, by identity.
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusFullyQualifiedNamespace }
        // The app's own tables, read by the handler with DefaultAzureCredential.
        { name: 'Storage__TableEndpoint', value: stateTableEndpoint }
        // Spending's append-only checkpoint container (issue 12); empty for the other apps.
        { name: 'Storage__BlobEndpoint', value: stateBlobEndpoint }
        // Spending signs journal checkpoints with this Key Vault key (KeyVaultSigner); empty for the other apps.
        { name: 'Audit__KeyVaultUri', value: auditKeyVaultUri }
        { name: 'Audit__KeyName', value: auditKeyName }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        // Telemetry is sent with the system-assigned identity (key ingestion is off).
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // Continuation tokens are HMAC-bound to their query; every instance needs the same key (ContinuationTokens).
        { name: 'Paging__TokenKey', value: pagingTokenKey }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// App Service Authentication (Easy Auth) with Entra ID: every HTTP call needs a token
// for the app registration; callers without one get 401 before the handler runs.
// The token's `roles` claim (Funding.Finance, .Coordinator, .Kassier, .Auditor)
// reaches the handler in X-MS-CLIENT-PRINCIPAL, and the handler decides 403s.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
          // Only the named client applications may call (the token's appid/azp claim): a token another app obtained for
          // this API is refused before the handler runs.
          defaultAuthorizationPolicy: {
            allowedApplications: allowedClientApplicationIds
          }
          jwtClaimChecks: {
            allowedClientApplications: allowedClientApplicationIds
          }
        }
      }
    }
    login: {
      // No token store: the API is called with bearer tokens, nothing to keep.
      tokenStore: {
        enabled: false
      }
    }
  }
}

// Deployment goes through Entra ID (azd and the Azure CLI use a token), so the
// basic-auth publishing endpoints are switched off.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output principalId string = site.identity.principalId
output defaultHostName string = site.properties.defaultHostName
