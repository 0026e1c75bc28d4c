// One role assignment for one principal, scoped to one Key Vault key (never the vault).

@description('Key vault that holds the key.')
param vaultName string

@description('Key the role is scoped to.')
param keyName string

@description('Object id of the app\'s system-assigned identity.')
param principalId string

@description('Resource id of the app; names the assignment, because the principal id is only known at deploy time.')
param appResourceId string

@description('Built-in role definition id (a GUID).')
param roleDefinitionId string

resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' existing = {
  name: '${vaultName}/${keyName}'
}

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: key
  name: guid(key.id, appResourceId, roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
