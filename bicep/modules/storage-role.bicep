// One role assignment for one principal, scoped to one storage account (never the
// resource group or subscription).

@description('Storage account the role is scoped to.')
param storageAccountName string

@description('Object id of the app\'s system-assigned identity.')
param principalId string

@description('Resource id of the app; names the assignment, because the principal id is only known at deploy time.')
param appResourceId string

@description('Built-in role definition id (a GUID).')
param roleDefinitionId string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: account
  name: guid(account.id, appResourceId, roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
