// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package citations

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// osNames are the names the documents give the operating systems.
var osNames = map[string]string{
	"linux": "Linux", "darwin": "macOS", "freebsd": "the BSDs", "netbsd": "the BSDs", "openbsd": "the BSDs",
	"dragonfly": "the BSDs", "windows": "Windows", "illumos": "illumos", "solaris": "Solaris", "aix": "AIX",
}

// TestDevelopmentTable checks .github/CONTRIBUTING.md's make rows against what
// the Makefile and .ci scripts run: the steps of `make ci`, the number of
// qemu architectures (and the README's and PLATFORMS.md's list of them),
// and the operating systems `make lint` and `make cross` cover.
func TestDevelopmentTable(t *testing.T) {
	root := moduleRoot(t)
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	readme, makefile, lint := read(".github/CONTRIBUTING.md"), read("Makefile"), read(".ci/lint.sh")
	row := func(target string) string {
		m := regexp.MustCompile("(?m)^\\| `make " + target + "`[^|]*\\| (.*) \\|$").FindStringSubmatch(readme)
		if m == nil {
			t.Fatalf(".github/CONTRIBUTING.md has no row for make %s", target)
		}
		return m[1]
	}
	variable := func(name string) []string {
		m := regexp.MustCompile(`(?m)^` + name + `\s*[:?]?=\s*((?:.*\\\n)*.*)$`).FindStringSubmatch(makefile)
		if m == nil {
			t.Fatalf("the Makefile sets no %s", name)
		}
		return strings.Fields(strings.ReplaceAll(m[1], "\\\n", " "))
	}

	// make ci: "test (fmt, vet, race), tidy-check, lint, ..." is CI_STEPS.
	steps := regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(strings.SplitN(row("ci"), ": ", 2)[1], "")
	var got []string
	for _, s := range strings.Split(steps, ",") {
		got = append(got, strings.TrimSpace(s))
	}
	if want := variable("CI_STEPS"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("CONTRIBUTING.md's make ci row lists %q; the Makefile's CI_STEPS is %q", got, want)
	}

	// make qemu: "seven Linux architectures" is .ci/qemu-arches, and the
	// platform tables' qemu rows name those arches in that order.
	arches := strings.Fields(regexp.MustCompile(`#.*`).ReplaceAllString(read(".ci/qemu-arches"), ""))
	for _, doc := range []string{"README.md", "conformance/PLATFORMS.md"} {
		m := regexp.MustCompile(`(?m)^\| linux/([^|]*?) \|[^\n]*qemu-user`).FindStringSubmatch(read(doc))
		if m == nil {
			t.Errorf("%s has no row \"| linux/ARCH, ... | ... qemu-user\"", doc)
		} else if strings.Join(strings.Split(m[1], ", "), " ") != strings.Join(arches, " ") {
			t.Errorf("%s's qemu row names linux/%s; .ci/qemu-arches has %q", doc, m[1], arches)
		}
	}
	numbers := []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n := len(arches); n >= len(numbers) || !strings.Contains(row("qemu`, `make wine"), numbers[n]+" Linux architectures") {
		t.Errorf("CONTRIBUTING.md's make qemu row does not say %q (.ci/qemu-arches has %d)", numbers[min(n, len(numbers)-1)]+" Linux architectures", n)
	}

	// make lint: every OS .ci/lint.sh runs staticcheck for is named.
	lintRow := row("lint")
	for _, m := range regexp.MustCompile(`\b(?:GOOS=)?([a-z]+)(?:/|\s+GOARCH=)[a-z0-9]+\b`).FindAllStringSubmatch(lint, -1) {
		if name, ok := osNames[m[1]]; ok && !strings.Contains(lintRow, name) {
			t.Errorf("CONTRIBUTING.md's make lint row does not name %s, which .ci/lint.sh runs staticcheck for (%s)", name, m[0])
		}
	}

	// make cross: every OS of BUILD_TARGETS (`make build-targets`) is
	// named after "go test -c".
	if _, err := exec.LookPath("make"); err != nil {
		t.Logf("no make here: the make cross row is not checked (%v)", err)
		return
	}
	cmd := exec.Command("make", "-s", "--no-print-directory", "build-targets")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil || len(strings.Fields(string(out))) == 0 {
		t.Fatalf("make build-targets: %v, printed %q", err, out)
	}
	_, crossBuild, _ := strings.Cut(row("cross"), "go test -c")
	for _, t0 := range strings.Fields(string(out)) {
		goos, _, _ := strings.Cut(t0, "/")
		if name := osNames[goos]; !strings.Contains(crossBuild, name) {
			t.Errorf("CONTRIBUTING.md's make cross row does not name %s after `go test -c`; BUILD_TARGETS has %s", name, t0)
		}
	}
}

// TestREADMEGoAndDependencies checks the README's Go version, the x/sys
// version it names, and its list of dependencies against go.mod: the
// direct requirements are golang.org/x/sys, Ginkgo v2, Gomega and go-cmp,
// nothing else.
func TestREADMEGoAndDependencies(t *testing.T) {
	root := moduleRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Go \(≥ ([0-9.]+), which golang\.org/x/sys (v[0-9.]+) requires\)`).FindStringSubmatch(string(readme))
	if m == nil {
		t.Fatal("README.md does not say which Go it needs as \"Go (≥ X, which golang.org/x/sys vY requires)\"")
	}
	goLine := regexp.MustCompile(`(?m)^go ([0-9.]+)$`).FindStringSubmatch(string(gomod))
	if goLine == nil || !strings.HasPrefix(goLine[1]+".", m[1]+".") {
		t.Errorf("README.md says Go ≥ %s; go.mod says %q", m[1], goLine)
	}
	direct := map[string]string{}
	block := regexp.MustCompile(`(?s)require \((.*?)\)`).FindAllStringSubmatch(string(gomod), -1)
	for _, b := range block {
		for _, l := range strings.Split(b[1], "\n") {
			if f := strings.Fields(l); len(f) >= 2 && !strings.Contains(l, "// indirect") {
				direct[f[0]] = f[1]
			}
		}
	}
	if v := direct["golang.org/x/sys"]; v != m[2] {
		t.Errorf("README.md names golang.org/x/sys %s; go.mod requires %q", m[2], v)
	}
	want := []string{"github.com/google/go-cmp", "github.com/onsi/ginkgo/v2", "github.com/onsi/gomega", "golang.org/x/sys"}
	var got []string
	for p := range direct {
		got = append(got, p)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("go.mod's direct requirements are %q; CONTRIBUTING.md says %q, nothing else", got, want)
	}
	contributing, err := os.ReadFile(filepath.Join(root, ".github", "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(string(contributing)), " "), "Dependencies: `golang.org/x/sys`, Ginkgo v2, Gomega and go-cmp, nothing else") {
		t.Error(".github/CONTRIBUTING.md no longer lists the dependencies as this test expects; update both")
	}
}
