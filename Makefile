# pyselect: every job a developer or CI runs is a target here, named for what it runs.
# `make conformance` is the main job; `make test` runs every test once.
# `make ci` is exactly what CI runs (.ci/run calls it); each of its steps is a target below.

GO       ?= go
OUT      := out
# Targets vetted with CGO_ENABLED=0: every port `go tool dist list` knows for
# the operating systems pyselect supports (never a hand-written GOARCH list).
VET_TARGETS   = $(shell $(GO) tool dist list | grep -E '^(linux|darwin|freebsd|netbsd|openbsd|dragonfly|windows|illumos|solaris|aix)/' | grep -vE '^windows/(386|arm)$$')
# Targets whose unit tests and conformance suite are also compiled (go test -c):
# of VET_TARGETS, every OS but Linux (built and run natively and under qemu)
# on amd64 and arm64, and on 386 for a 32-bit one, and aix on its one port.
# (aix: Ginkgo does not build there, so .ci/cross.sh leaves out the packages that need it.)
BUILD_TARGETS = $(filter-out linux/%,$(filter %/amd64 %/arm64 %/386 aix/%,$(VET_TARGETS)))
STATICCHECK   = honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Every package with unit tests: all but the conformance suite.
UNIT_PKGS     = $(filter-out %/conformance,$(shell $(GO) list ./...))
# Each unit-test binary's -timeout, so that one hang fails in minutes, not after
# go test's 10: the slowest package takes 12 s, 25 s under -race (.ci/race.sh;
# .ci/runtests.sh's TEST_TIMEOUT has the same default; qemu and Wine give more).
UNIT_TIMEOUT ?= 3m
# The steps of `make ci`, in order: what CI runs on every submission.
CI_STEPS      = test tidy-check lint cross bench-smoke qemu wine fixtures-check matrix

.PHONY: all test unit race vet fmt cross conformance lint tidy-check clean ci
all: test

## test: every test once: gofmt, go vet, the unit tests and the conformance suite (with its report) under the race detector, each test binary under a memory cap (.ci/memcap.sh).
test: fmt vet race

## ci: exactly what CI runs (.ci/run): $(CI_STEPS), stopping at the first that fails. The matrix goes to $(OUT)/MATRIX.md.
ci:
	@for t in $(CI_STEPS); do echo; echo "=== make $$t ($$(date -u +%T))"; $(MAKE) --no-print-directory $$t MATRIX_OUT=$(OUT)/MATRIX.md || exit 1; done

## unit: the tests of every package but the conformance suite (the library's unit tests, fuzz seeds, examples, the differential and bench tools), without cgo; each package's binary fails after UNIT_TIMEOUT, and past a memory cap (RLIMIT_AS, MEMCAP_KB, default 8 GiB: .ci/memcap.sh), as in race and conformance.
unit:
	sh .ci/memcap.sh $(GO) test -count=1 -timeout $(UNIT_TIMEOUT) $(UNIT_PKGS)

## conformance: the main job. Runs the conformance suite on this OS, randomized, prints a readable report and writes $(OUT)/conformance.json (RACE=1: under the race detector).
conformance:
	@OUT=$(OUT) GO=$(GO) bash .ci/conformance.sh $(if $(RACE),--race)

## race: `unit` and `conformance` under the race detector (it needs cgo and a C compiler; without one this says so and runs them without it; .ci/race.sh).
race:
	@OUT=$(OUT) GO=$(GO) UNIT_TIMEOUT=$(UNIT_TIMEOUT) bash .ci/race.sh $(UNIT_PKGS)

## fmt: gofmt must have nothing to say.
fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

## vet: go vet on this machine's target.
vet:
	CGO_ENABLED=0 $(GO) vet ./...

## cross: go vet for every supported GOOS/GOARCH, and go test -c of every package for the BSDs, macOS, Windows, illumos, Solaris and AIX.
cross:
	@bash .ci/cross.sh "$(VET_TARGETS)" "$(BUILD_TARGETS)"

## lint: staticcheck at a pinned version, for this machine and for one target of each other OS (.ci/lint.sh); lint-ci below.
lint:
	@GO=$(GO) STATICCHECK=$(STATICCHECK) bash .ci/lint.sh

## tidy-check: go.mod and go.sum are what `go mod tidy` makes.
tidy-check:
	$(GO) mod tidy -diff

clean:
	rm -rf $(OUT) bin

# --- platforms ---
# Linux architectures under qemu-user here, the BSDs in Vagrant VMs, and the
# lint of the CI workflows and Vagrantfiles. See conformance/PLATFORMS.md.
QEMU_ARCHES ?= $(shell sed 's/\#.*//' .ci/qemu-arches)
.PHONY: qemu qemu-arches

VAGRANT_OSES := freebsd openbsd netbsd dragonfly
TESTBINS_TARGET ?= freebsd/amd64
.PHONY: qemu testbins build-targets cross-targets lint-ci $(VAGRANT_OSES:%=vagrant-%) $(VAGRANT_OSES:%=vagrant-%-fixtures)

## qemu: unit tests and conformance suite cross-compiled for each of $(QEMU_ARCHES), run under qemu-user 10 (installed into /var/cache/pyselect-qemu on first use, as root). One arch: make qemu QEMU_ARCHES=s390x.
qemu:
	@OUT=$(OUT) bash .ci/qemu.sh $(QEMU_ARCHES)

## qemu-arches: the GOARCHes of $(QEMU_ARCHES) (.ci/qemu-arches), as a JSON array (CI's qemu matrix).
qemu-arches:
	@echo '[$(foreach a,$(QEMU_ARCHES),"$(a)",)]' | sed 's/,]$$/]/'

## testbins: every package's test binary for TESTBINS_TARGET (GOOS/GOARCH) into $(OUT)/testbins-GOOS-GOARCH; run them on that OS, from the repository root, with: sh .ci/runtests.sh $(OUT)/testbins-GOOS-GOARCH REPORTDIR
testbins:
	@bash .ci/testbins.sh $(subst /, ,$(TESTBINS_TARGET)) $(OUT)/testbins-$(subst /,-,$(TESTBINS_TARGET))

## build-targets: the GOOS/GOARCH list `make cross` builds the tests for (BUILD_TARGETS), one a line.
build-targets:
	@printf '%s\n' $(BUILD_TARGETS)

## cross-targets: the GOOS/GOARCH list `make cross` vets, as a JSON array (CI's cross-compile matrix).
cross-targets:
	@echo '[$(foreach t,$(VET_TARGETS),"$(t)",)]' | sed 's/,]$$/]/'

## vagrant-freebsd (-openbsd, -netbsd, -dragonfly): the unit tests and conformance suite in a VM (vagrant/README.md); reports in $(OUT)/vagrant-OS/report/.
$(VAGRANT_OSES:%=vagrant-%): vagrant-%:
	bash vagrant/run.sh $* test

## vagrant-freebsd-fixtures (and per OS): record the CPython fixtures in the VM into fixtures/cpython/OS-3.x/.
$(VAGRANT_OSES:%=vagrant-%-fixtures): vagrant-%-fixtures:
	bash vagrant/run.sh $* fixtures

## lint-ci: actionlint over .github/workflows, shellcheck over the platform scripts, vagrant validate for each Vagrantfile (part of lint).
lint-ci:
	@bash .ci/lint-ci.sh
lint: lint-ci

# --- reliability ---
FUZZTIME ?= 1m
DURATION ?= 10m
.PHONY: fuzz soak
## fuzz: run each fuzz target of sys/pyselect and sys/selectors for FUZZTIME (make fuzz FUZZTIME=5m); prints the executions and the crashes (a crash fails the target and leaves its input in testdata/fuzz).
fuzz:
	@OUT=$(OUT) GO=$(GO) bash .ci/fuzz.sh $(FUZZTIME)

## soak: an echo load through an epoll loop on pyselect with connection churn over 127.0.0.1 for DURATION; fails on any error or fd/memory growth.
soak:
	CGO_ENABLED=0 $(GO) run ./conformance/cmd/soak -duration $(DURATION)

# --- matrix ---
MATRIX_REPORTS ?= $(wildcard $(OUT)/conformance.json $(OUT)/qemu $(OUT)/wine $(OUT)/ci-reports)
MATRIX_OUT     ?= conformance/MATRIX.md
.PHONY: matrix observed
## matrix: merge the conformance suite's Ginkgo reports (MATRIX_REPORTS: by default $(OUT)/conformance.json, $(OUT)/qemu/<arch>/, $(OUT)/wine/ and CI's artifacts downloaded into $(OUT)/ci-reports/) into one table, behaviour x platform, in MATRIX_OUT.
matrix:
	CGO_ENABLED=0 $(GO) run ./conformance/cmd/matrix -o $(MATRIX_OUT) $(MATRIX_REPORTS)

## observed: print, from the same reports, what each kernel answered where the suite's row for its OS is unknown, as Go rows to cite (conformance/PLATFORMS.md#observed-rows).
observed:
	@CGO_ENABLED=0 $(GO) run ./conformance/cmd/matrix -observed $(MATRIX_REPORTS)

# --- windows ---
.PHONY: wine
## wine: the windows/amd64 unit tests and conformance suite under Wine 8, with a stand-in bcryptprimitives.dll (installs Wine and MinGW if missing; .ci/wine.sh). windows/{amd64,arm64} vet and build are in `cross`.
wine:
	@OUT=$(OUT) GO=$(GO) bash .ci/wine.sh

# --- performance ---
.PHONY: bench bench-smoke
## bench: micro-benchmarks against their raw x/sys twins (benchstat over 10 runs), the echo servers end to end at 1 to 1,000 connections (CPython, the pyselect ports, Go net, and the C and raw x/sys floors) and the wake-up and herd benchmarks, syscalls counted by name; rewrites conformance/bench/BENCHMARKS.md and chart.svg. About 17 minutes.
bench:
	CGO_ENABLED=0 $(GO) run ./conformance/bench/run -out $(OUT)/bench

## bench-smoke: every benchmark once (-benchtime=1x), so that CI (`make ci`) shows they run; no timing is judged.
bench-smoke:
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchtime=1x ./...

# --- differential ---
.PHONY: fixtures fixtures-check difffuzz
PYTHON ?= python3
N      ?= 1000
SEED   ?= $(shell date +%s)
## fixtures: re-record every differential scenario (fixtures/scenarios) with this machine's CPython into fixtures/cpython/<os>-<version>/, and on Linux the timeouts table (sys/pyselect/testdata/timeouts.json); `make test` and `make conformance` replay the scenarios against pyselect.
fixtures:
	$(PYTHON) fixtures/record.py

## fixtures-check: re-record the scenarios and tables into a temporary directory and diff against the checked-in ones; fails if they drift (a CPython or kernel change).
fixtures-check:
	$(PYTHON) fixtures/record.py --check

## difffuzz: N random valid-and-invalid step sequences (SEED), recorded with CPython and replayed against pyselect; a failing one is shrunk to $(OUT)/difffuzz/*.json.
difffuzz:
	CGO_ENABLED=0 $(GO) run ./conformance/differential/difffuzz -n $(N) -seed $(SEED) -python $(PYTHON) -out $(OUT)/difffuzz
