#!/usr/bin/env bash
# Gives a user one of the four app roles (Funding.Finance, Funding.Coordinator,
# Funding.Kassier, Funding.Auditor) on the app registration made by
# create-app-registration.sh. The role shows up in the user's token as `roles` and
# reaches the apps in X-MS-CLIENT-PRINCIPAL.
#
# Usage: bicep/entra/assign-role.sh <user principal name or object id> <role value> [client-id]
#        client-id defaults to AZURE_ENTRA_CLIENT_ID from the environment or `azd env get-values`.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 <user> <Funding.Role> [client-id]" >&2; exit 1; }
user="$1"
role="$2"
client_id="${3:-${AZURE_ENTRA_CLIENT_ID:-}}"
if [ -z "$client_id" ] && command -v azd >/dev/null 2>&1; then
  client_id="$(azd env get-value AZURE_ENTRA_CLIENT_ID)"
fi
[ -n "$client_id" ] || { echo "no client id: pass it or set AZURE_ENTRA_CLIENT_ID" >&2; exit 1; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
role_id="$(grep -B1 "\"value\": \"$role\"" "$here/app-roles.json" | sed -n 's/.*"id": "\([^"]*\)".*/\1/p')"
[ -n "$role_id" ] || { echo "unknown role $role (see app-roles.json)" >&2; exit 1; }

sp_id="$(az ad sp show --id "$client_id" --query id --output tsv)"
user_id="$(az ad user show --id "$user" --query id --output tsv)"

az rest --method POST \
  --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$sp_id/appRoleAssignedTo" \
  --headers "Content-Type=application/json" \
  --body "{\"principalId\":\"$user_id\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$role_id\"}"
echo "Gave $user the role $role." >&2
