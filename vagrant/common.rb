# Shared by vagrant/<os>/Vagrantfile: one VM per BSD that runs pyselect's test
# binaries. The binaries are cross-compiled on the host (.ci/testbins.sh, no Go
# in the VM) and rsynced in with the repository; vagrant/run.sh drives it all.
# See vagrant/README.md for the boxes and why they were chosen.
module Pyselect
  ROOT = File.expand_path("..", __dir__)

  # The shell provisioner "python3" (run: never) installs CPython for
  # `make vagrant-<os>-fixtures`; the test run itself needs nothing installed.
  # It links the newest python3.x it finds as python3.
  LINK_PYTHON3 = <<~SH
    for d in /usr/local/bin /usr/pkg/bin; do
      for v in 3.11 3.12 3.13 3.10; do
        if [ -x "$d/python$v" ]; then ln -sf "$d/python$v" "$d/python3"; echo "python3 is $d/python$v"; exit 0; fi
      done
    done
    echo "no python3.x found" >&2; exit 1
  SH

  # vm defines the VM for os (a GOOS) from box at version; install is the
  # shell command that installs CPython 3.11 (or the nearest) from packages.
  # PYSELECT_BOX and PYSELECT_BOX_VERSION override the box (README: "If a box
  # disappears").
  def self.vm(os:, box:, version:, install:)
    Vagrant.configure("2") do |config|
      config.vm.box = ENV.fetch("PYSELECT_BOX", box)
      config.vm.box_version = ENV.fetch("PYSELECT_BOX_VERSION", version)
      config.vm.box_check_update = false
      config.vm.hostname = "pyselect-#{os}"
      config.vm.boot_timeout = 900
      config.ssh.shell = "sh"

      # The repository (sources, testdata, fixtures, .ci/runtests.sh) and the
      # test binaries built for this OS, both by rsync: the BSDs have no
      # VirtualBox or 9p shared folders worth trusting.
      config.vm.synced_folder ".", "/vagrant", disabled: true
      config.vm.synced_folder ROOT, "/pyselect", type: "rsync",
        rsync__exclude: [".git/", "out/", "bin/"]
      config.vm.synced_folder File.join(ROOT, "out", "vagrant-#{os}", "bin"), "/pyselect-bin",
        type: "rsync", create: true

      config.vm.provider "virtualbox" do |vb|
        vb.cpus = 2
        vb.memory = 2048
      end
      config.vm.provider "libvirt" do |lv|
        lv.cpus = 2
        lv.memory = 2048
      end

      config.vm.provision "python3", type: "shell", run: "never",
        inline: "set -e\n#{install}\n#{LINK_PYTHON3}"
    end
  end
end
