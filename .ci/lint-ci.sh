#!/usr/bin/env bash
# lint-ci.sh: check what CI and the VMs run, though neither can run here.
#   - actionlint (pinned) over .github/workflows/, with shellcheck on their
#     run: scripts;
#   - every action a workflow uses pinned by full commit SHA, with its tag in
#     a comment (`uses: owner/repo@<40 hex> # vX.Y.Z`);
#   - shellcheck over every .ci script and vagrant/run.sh;
#   - `vagrant validate --ignore-provider` for every vagrant/*/Vagrantfile
#     (no provider needed; a box is not downloaded).
# Installs shellcheck and vagrant with apt-get when they are missing (as root,
# or through sudo on a CI runner).
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
ACTIONLINT=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

need=()
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v vagrant >/dev/null || need+=(vagrant)
if [ ${#need[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "lint-ci: apt-get install ${need[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "lint-ci: actionlint .github/workflows/"
$GO run "$ACTIONLINT" -no-color

echo "lint-ci: actions pinned by commit"
if unpinned=$(grep -nE '^[[:space:]-]*uses:' .github/workflows/*.yml | grep -vE 'uses: [^@[:space:]]+@[0-9a-f]{40} # v[0-9][0-9A-Za-z.-]*[[:space:]]*$'); then
  echo "lint-ci: pin these actions by commit SHA, with the tag in a comment:"; echo "$unpinned"; exit 1
fi

echo "lint-ci: shellcheck"
shellcheck .ci/*.sh .ci/run vagrant/run.sh

for f in vagrant/*/Vagrantfile; do
  echo "lint-ci: vagrant validate --ignore-provider $f"
  out=$(cd "$(dirname "$f")" && vagrant validate --ignore-provider 2>&1) || { echo "$out"; exit 1; }
done
echo "lint-ci: ok"
