// One storage account, Entra ID only. Used twice per app (see app.bicep): once for
// the app's own tables (its state) and once for the Functions host (deployment
// package container and AzureWebJobsStorage blobs). Keeping them apart means the
// host's roles never reach business data, and each app's roles reach only its own.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Blob container to create (the Flex Consumption deployment container); empty for none.')
param containerName string = ''

@description('Append-only blob container to create (journal checkpoints: created once, never overwritten or deleted while the policy holds); empty for none.')
param immutableContainerName string = ''

@description('Days a blob in the append-only container stays immutable after it is written.')
@minValue(1)
param immutabilityDays int = 3650

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // No account keys and no SAS: every caller authenticates with Entra ID.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = if (!empty(containerName) || !empty(immutableContainerName)) {
  parent: account
  name: 'default'
}

// The deployment container must exist before the function app that names it.
resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (!empty(containerName)) {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

// Issue 12: signed journal checkpoints leave the journal table for a container the app can add to but not rewrite.
resource immutableContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (!empty(immutableContainerName)) {
  parent: blobService
  name: empty(immutableContainerName) ? 'unused' : immutableContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource immutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = if (!empty(immutableContainerName)) {
  parent: immutableContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: immutabilityDays
    allowProtectedAppendWrites: false
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
