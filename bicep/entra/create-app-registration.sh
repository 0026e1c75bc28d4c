#!/usr/bin/env bash
# Creates, or updates when it exists, the Entra ID app registration that the four
# Function apps accept tokens for (App Service Authentication), with the four app
# roles of design.md section 5 from app-roles.json beside this script. Prints the
# client id and, when azd is installed, stores it as AZURE_ENTRA_CLIENT_ID in the
# current azd environment (bicep/main.parameters.json reads it).
#
# Usage: bicep/entra/create-app-registration.sh [display-name]
# Needs: Azure CLI signed in (`az login`) as someone allowed to register applications.
set -euo pipefail

name="${1:-npvr-funding-api}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
roles="$here/app-roles.json"

app_id="$(az ad app list --display-name "$name" --query "[0].appId" --output tsv)"
if [ -z "$app_id" ]; then
  app_id="$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg \
    --app-roles "@$roles" --query appId --output tsv)"
  echo "Created app registration $name ($app_id)." >&2
else
  az ad app update --id "$app_id" --app-roles "@$roles"
  echo "Updated app roles of $name ($app_id)." >&2
fi

# Tokens are requested for api://<client id>; the apps accept that audience.
az ad app update --id "$app_id" --identifier-uris "api://$app_id"

# v2 access tokens, to match the v2.0 issuer configured in function-app.bicep.
object_id="$(az ad app show --id "$app_id" --query id --output tsv)"
az rest --method PATCH \
  --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
  --headers "Content-Type=application/json" \
  --body '{"api":{"requestedAccessTokenVersion":2}}'

# The enterprise application; only users given one of the roles can get a token.
az ad sp show --id "$app_id" >/dev/null 2>&1 || az ad sp create --id "$app_id" >/dev/null
az ad sp update --id "$app_id" --set appRoleAssignmentRequired=true

if command -v azd >/dev/null 2>&1; then
  azd env set AZURE_ENTRA_CLIENT_ID "$app_id"
fi
echo "$app_id"
