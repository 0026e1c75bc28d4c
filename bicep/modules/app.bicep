// Everything one microservice needs: its state storage (tables), its host storage
// (deployment container), its Function app, and its role assignments, each scoped
// to the one resource it is for.

@description('App name, e.g. Registration (the folder is functions/Npvr.Funding.<appName>).')
param appName string

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Suffix that makes names unique per subscription, environment and region.')
param resourceToken string

@description('Application Insights component name.')
param appInsightsName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('Fully qualified Service Bus namespace.')
param serviceBusFullyQualifiedNamespace string

@description('Application (client) id of the Entra app registration.')
param entraClientId string

@minLength(1)
@description('Application (client) ids of the client apps whose tokens App Service Authentication accepts.')
param allowedClientApplicationIds string[]

var lowerName = toLower(appName)
// Storage names allow 24 characters: 'st' + 5 of the app name + kind + 13 of the token.
var storagePrefix = 'st${take(lowerName, 5)}'
var stateStorageName = '${storagePrefix}s${resourceToken}'
var hostStorageName = '${storagePrefix}h${resourceToken}'
var functionAppName = 'func-${lowerName}-${resourceToken}'
var deploymentContainerName = 'deployment-package'

// Built-in roles.
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// Sign and verify with a key (and its other cryptographic operations, which the key's own keyOps narrow to those two).
var keyVaultCryptoUser = '12338af0-0e69-4776-bea7-57ae8d297424'

// Spending keeps the journals and writes their signed checkpoints to an append-only container (issue 12).
var checkpointContainerName = appName == 'Spending' ? 'journal-checkpoints' : ''
var signsCheckpoints = !empty(checkpointContainerName)
var checkpointKeyName = 'checkpoint-signing'
var keyVaultName = 'kv-${take(lowerName, 4)}-${resourceToken}'

// The checkpoints' signing key (issue 12), for Spending only.
module checkpointVault 'key-vault.bicep' = if (signsCheckpoints) {
  name: '${lowerName}-checkpoint-vault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    keyName: checkpointKeyName
  }
}

module stateStorage 'storage.bicep' = {
  name: '${lowerName}-state-storage'
  params: {
    name: stateStorageName
    location: location
    tags: tags
    immutableContainerName: checkpointContainerName
  }
}

module hostStorage 'storage.bicep' = {
  name: '${lowerName}-host-storage'
  params: {
    name: hostStorageName
    location: location
    tags: tags
    containerName: deploymentContainerName
  }
}

module functionApp 'function-app.bicep' = {
  name: '${lowerName}-function-app'
  params: {
    name: functionAppName
    location: location
    tags: tags
    azdServiceName: lowerName
    hostStorageName: hostStorage.outputs.name
    hostStorageBlobEndpoint: hostStorage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    stateTableEndpoint: stateStorage.outputs.tableEndpoint
    stateBlobEndpoint: empty(checkpointContainerName) ? '' : stateStorage.outputs.blobEndpoint
    auditKeyVaultUri: signsCheckpoints ? checkpointVault!.outputs.vaultUri : ''
    auditKeyName: signsCheckpoints ? checkpointKeyName : ''
    serviceBusFullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    appInsightsConnectionString: appInsightsConnectionString
    entraClientId: entraClientId
    allowedClientApplicationIds: allowedClientApplicationIds
  }
}

// The app's own tables: read, write, create. No other app gets a role here.
module stateTables 'storage-role.bicep' = {
  name: '${lowerName}-state-tables-role'
  params: {
    storageAccountName: stateStorageName
    principalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', functionAppName)
    roleDefinitionId: storageTableDataContributor
  }
}

// The Functions host keeps locks, keys and the deployment package in blobs and
// creates its containers, which needs Blob Data Owner (custom-handlers.md 6.2).
module hostBlobs 'storage-role.bicep' = {
  name: '${lowerName}-host-blobs-role'
  params: {
    storageAccountName: hostStorageName
    principalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', functionAppName)
    roleDefinitionId: storageBlobDataOwner
  }
}

// Spending adds checkpoints; the container's immutability policy keeps them from being rewritten or deleted.
module checkpointBlobs 'blob-container-role.bicep' = if (!empty(checkpointContainerName)) {
  name: '${lowerName}-checkpoint-blobs-role'
  params: {
    storageAccountName: stateStorageName
    containerName: checkpointContainerName
    principalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', functionAppName)
    roleDefinitionId: storageBlobDataContributor
  }
}

// Spending signs checkpoints with the vault's key: Crypto User on that key alone, so it can sign but never read or export it.
module checkpointKeyRole 'key-vault-role.bicep' = if (signsCheckpoints) {
  name: '${lowerName}-checkpoint-key-role'
  params: {
    vaultName: keyVaultName
    keyName: checkpointKeyName
    principalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', functionAppName)
    roleDefinitionId: keyVaultCryptoUser
  }
}

module serviceBusAccess 'servicebus-access.bicep' = {
  name: '${lowerName}-servicebus-roles'
  params: {
    namespaceName: serviceBusNamespaceName
    appName: appName
    principalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', functionAppName)
  }
}

module telemetry 'monitoring-role.bicep' = {
  name: '${lowerName}-telemetry-role'
  params: {
    appInsightsName: appInsightsName
    principalId: functionApp.outputs.principalId
    appResourceId: resourceId('Microsoft.Web/sites', functionAppName)
  }
}

output functionAppName string = functionApp.outputs.name
output defaultHostName string = functionApp.outputs.defaultHostName
