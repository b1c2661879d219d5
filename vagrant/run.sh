#!/usr/bin/env bash
# run.sh OS [test|fixtures|destroy]: pyselect in a BSD VM (vagrant/OS/Vagrantfile).
#
#   test      cross-compile every package's test binary for OS/amd64 on this
#             host (.ci/testbins.sh; the VM needs no Go), boot the VM, rsync
#             the repository and the binaries in, run them there
#             (.ci/runtests.sh) and copy the logs and Ginkgo JSON reports back
#             to out/vagrant-OS/report/. Exits with the tests' status.
#   fixtures  install CPython in the VM (provisioner "python3") and record the
#             differential fixtures there (fixtures/record.py), copying
#             fixtures/cpython/OS-3.x/ back into this checkout.
#   destroy   delete the VM.
#
# The VM is halted afterwards unless PYSELECT_VM_KEEP=1. Needs vagrant and a
# provider: VirtualBox, or libvirt with the vagrant-libvirt plugin.
set -euo pipefail
os=${1:?usage: run.sh freebsd|openbsd|netbsd|dragonfly [test|fixtures|destroy]} what=${2:-test}
cd "$(dirname "$0")/.."
[ -f "vagrant/$os/Vagrantfile" ] || { echo "run.sh: no vagrant/$os/Vagrantfile" >&2; exit 2; }
command -v vagrant >/dev/null || { echo "run.sh: needs vagrant and VirtualBox or libvirt (see vagrant/README.md)" >&2; exit 2; }
out=out/vagrant-$os
vg() { (cd "vagrant/$os" && vagrant "$@"); }

# up boots the VM (or finds it running) and rsyncs the repository and binaries.
up() {
  vg up
  vg rsync
  vg ssh-config >"$out/ssh-config"
}
# fetch REMOTE LOCAL: copy a folder's contents out of the VM.
fetch() { mkdir -p "$2" && scp -q -r -F "$out/ssh-config" "default:$1/." "$2/"; }
done_with_vm() { [ "${PYSELECT_VM_KEEP:-}" = 1 ] || vg halt; }

case $what in
  test)
    bash .ci/testbins.sh "$os" amd64 "$out/bin"
    up
    rc=0
    vg ssh -c 'uname -a; rm -rf /tmp/pyselect-report && mkdir -p /tmp/pyselect-report && uname -a >/tmp/pyselect-report/uname.txt &&
      cd /pyselect && sh .ci/runtests.sh /pyselect-bin /tmp/pyselect-report' || rc=$?
    rm -rf "$out/report"
    fetch /tmp/pyselect-report "$out/report"
    done_with_vm
    echo "vagrant-$os: tests exited $rc; logs and Ginkgo JSON reports in $out/report/"
    exit "$rc"
    ;;
  fixtures)
    mkdir -p "$out/bin"
    up
    vg provision --provision-with python3
    # The packages' python3 is in /usr/local/bin, or /usr/pkg/bin on NetBSD.
    # shellcheck disable=SC2016 # $PATH is the VM's
    py='PATH=$PATH:/usr/local/bin:/usr/pkg/bin python3'
    vg ssh -c "cd /pyselect && rm -rf /tmp/pyselect-fixtures && $py fixtures/record.py --out /tmp/pyselect-fixtures"
    dest=fixtures/cpython/$os-$(vg ssh -c "$py -c 'import sys; print(\"%d.%d\" % sys.version_info[:2])'" | tr -d '\r\n')
    fetch /tmp/pyselect-fixtures "$dest"
    done_with_vm
    echo "vagrant-$os: fixtures recorded into $dest/"
    ;;
  destroy) vg destroy -f ;;
  *) echo "run.sh: unknown action $what" >&2; exit 2 ;;
esac
