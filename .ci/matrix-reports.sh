#!/usr/bin/env bash
# matrix-reports.sh SHA DIR: download into DIR/<artifact>/ the Ginkgo reports
# that the latest run of each CI workflow uploaded for commit SHA
# (conformance-*, qemu-linux-*, vm-*), for `make matrix MATRIX_REPORTS=DIR`.
# Needs gh and GH_TOKEN (GH_REPO outside a clone). A workflow with no run, or
# no reports yet, for SHA is named and passed over: the matrix then lacks its
# platforms.
set -euo pipefail
sha=$1 dir=$2
mkdir -p "$dir"
for wf in linux.yml qemu.yml macos.yml bsd.yml sunos.yml windows.yml; do
  id=$(gh run list --workflow "$wf" --commit "$sha" --limit 1 --json databaseId --jq '.[0].databaseId // empty')
  if [ -z "$id" ]; then
    echo "matrix-reports: $wf has no run for $sha"
    continue
  fi
  echo "matrix-reports: $wf run $id"
  gh run download "$id" --dir "$dir" --pattern 'conformance-*' --pattern 'qemu-linux-*' --pattern 'vm-*' ||
    echo "matrix-reports: $wf run $id has no reports (yet)"
done
find "$dir" -name '*.json' | sort
