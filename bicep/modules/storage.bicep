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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = if (!empty(containerName)) {
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

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output tableEndpoint string = account.properties.primaryEndpoints.table
