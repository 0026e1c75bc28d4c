// The vault that holds the journal checkpoints' signing key (issue 12): RBAC only, soft
// delete with purge protection, and one EC P-256 key whose operations are sign and
// verify. The private key never leaves the vault; Spending signs with it through Key
// Vault's REST API (KeyVaultSigner) and may do nothing else (key-vault-role.bicep).

@description('Key vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the checkpoint signing key.')
param keyName string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: keyName
  properties: {
    kty: 'EC'
    curveName: 'P-256'
    keyOps: [
      'sign'
      'verify'
    ]
  }
}

output vaultUri string = vault.properties.vaultUri
output keyName string = key.name
