#!/usr/bin/env bash
# Lays out one Functions app the way the Functions host expects it on Azure
# (Flex Consumption, runtime `custom`):
#
#   <outdir>/host.json
#   <outdir>/<Function>/function.json        one folder per function
#   <outdir>/<defaultExecutablePath>          self-contained linux-x64 executable
#   <outdir>/...                              the .NET runtime and the app's assemblies
#
# The executable is self-contained because the `custom` runtime image promises no
# .NET runtime (custom-handlers.md 7.2).
#
# Usage: infra/publish.sh <App> <outdir>
#   <App>     Registration | Allocation | Disbursement | Spending
#             (or the folder name Npvr.Funding.<App>)
#   <outdir>  emptied and filled; created if missing
#
# Called by the azure.yaml prepackage hooks (so `azd up` deploys this layout) and by
# tests/Npvr.Funding.Deployment.Tests (so the layout is checked on every test run).
set -euo pipefail

fail() {
  echo "publish.sh: $*" >&2
  exit 1
}

[ $# -eq 2 ] || fail "usage: infra/publish.sh <App> <outdir>"

app="${1#Npvr.Funding.}"
out="$2"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$repo/functions/Npvr.Funding.$app"
project="$src/Npvr.Funding.$app.csproj"

[ -f "$project" ] || fail "no project $project"
[ -f "$src/host.json" ] || fail "no host.json in $src"

# The executable the host will start. host.json is read with sed rather than a JSON
# tool so that the script needs nothing beyond bash, coreutils and the .NET SDK; the
# tests re-read host.json with a real JSON parser and check the result.
exe="$(tr -d '\n' <"$src/host.json" | sed -n 's/.*"defaultExecutablePath"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
[ -n "$exe" ] || fail "$src/host.json has no customHandler.description.defaultExecutablePath"

case "$out" in
  "" | "/") fail "refusing to publish into '$out'" ;;
esac
rm -rf "$out"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# Intermediate files go to a private folder, so a publish never races a build of the
# same projects in the working tree (an IDE, or another test project).
artifacts="$(mktemp -d "${TMPDIR:-/tmp}/npvr-publish-XXXXXX")"
trap 'rm -rf "$artifacts"' EXIT

# -nodeReuse:false and no shared compilation: a publish leaves no MSBuild node or compiler server running after it
# (the tests check this; a reused node would hold ~170 MB for minutes after `dotnet test`).
dotnet publish "$project" \
  -nodeReuse:false \
  -p:UseSharedCompilation=false \
  --artifacts-path "$artifacts" \
  --configuration Release \
  --runtime linux-x64 \
  --self-contained true \
  --output "$out" \
  -p:PublishSingleFile=false \
  -p:DebugType=none \
  --nologo

# host.json and every function folder, whether or not the project copies them itself.
cp "$src/host.json" "$out/host.json"
functions=0
for fj in "$src"/*/function.json; do
  [ -e "$fj" ] || continue
  name="$(basename "$(dirname "$fj")")"
  case "$name" in bin | obj) continue ;; esac
  if [ -e "$out/$name" ] && [ ! -d "$out/$name" ]; then
    fail "function folder $name collides with a published file of the same name"
  fi
  mkdir -p "$out/$name"
  cp "$fj" "$out/$name/function.json"
  functions=$((functions + 1))
done
[ "$functions" -gt 0 ] || fail "no */function.json under $src"

# A relative defaultExecutablePath is resolved against the app root (custom-handlers.md 2.1).
target="$out/$exe"
[ -f "$target" ] || fail "host.json names $exe but the publish output has no $target"
chmod +x "$target"

echo "publish.sh: $app -> $out ($functions functions, executable $exe)"
