// One role assignment for one principal, scoped to one blob container (never the account).

@description('Storage account that holds the container.')
param storageAccountName string

@description('Blob container the role is scoped to.')
param containerName string

@description('Object id of the app\'s system-assigned identity.')
param principalId string

@description('Resource id of the app; names the assignment, because the principal id is only known at deploy time.')
param appResourceId string

@description('Built-in role definition id (a GUID).')
param roleDefinitionId string

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  name: '${storageAccountName}/default/${containerName}'
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: container
  name: guid(container.id, appResourceId, roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
