// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Command matrix merges Ginkgo JSON reports of the conformance suite, one
// per platform run, into one table, behaviour x platform: passed, skipped
// (with the reason), failed (with the message), or not run; and writes it
// as Markdown.
//
//	go run ./conformance/cmd/matrix -o conformance/MATRIX.md out/conformance.json out/qemu out/wine ci-reports/
//
// Each argument is a report file or a folder searched for *.json files;
// a file that is not a report of the pyselect conformance suite is passed
// over. A column is named by the GOOS/GOARCH in the suite's description
// and by how it ran, read from the report's path: a "qemu" or "wine"
// folder, or the artifact folder a CI download put it in (the first folder
// under a folder argument: conformance-macos-15, vm-freebsd-14.4). NAME=PATH
// names the column of PATH's reports itself. Reports of the same column
// are merged; a spec that failed in any of them is failed.
//
// A spec whose expected value for an OS is not yet cited records what the
// kernel answered instead (support.Rows); the matrix marks such a cell
// "pass, observed" and lists the observations in a section of their own.
// With -observed, matrix writes no Markdown but prints those observations
// as Go rows to cite (`make observed`, conformance/PLATFORMS.md).
//
// It exits 1 if a spec failed anywhere (the matrix is written first), and
// 2 on bad arguments or when no report was found.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2/types"
)

func main() {
	out := flag.String("o", "", "write the Markdown here (default: standard output)")
	observed := flag.Bool("observed", false, "print the observed, unverified rows as Go rows to cite, instead of the matrix")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: matrix [-o MATRIX.md | -observed] [NAME=]REPORT.json|DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	m := NewMatrix()
	for _, arg := range flag.Args() {
		if err := addArg(m, arg); err != nil {
			fmt.Fprintln(os.Stderr, "matrix:", err)
			os.Exit(2)
		}
	}
	if len(m.Columns) == 0 {
		fmt.Fprintln(os.Stderr, "matrix: no report of the pyselect conformance suite in", strings.Join(flag.Args(), " "))
		os.Exit(2)
	}
	m.SortColumns()
	if *observed {
		if err := m.WriteObserved(os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "matrix:", err)
			os.Exit(2)
		}
		return
	}
	header := fmt.Sprintf("# Conformance matrix\n\nWritten by `make matrix` (`go run ./conformance/cmd/matrix`) on %s from the Ginkgo JSON reports listed below; do not edit by hand. How to regenerate it, and with CI's reports: [README.md](README.md#matrix).\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	var md strings.Builder
	m.WriteMarkdown(&md, header)
	if *out == "" {
		fmt.Print(md.String())
	} else if err := os.WriteFile(*out, []byte(md.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "matrix:", err)
		os.Exit(2)
	}
	for _, c := range m.Columns {
		t := m.Tally(c)
		fmt.Fprintf(os.Stderr, "%-28s %4d passed %4d failed %4d skipped %4d not run\n", c.Name, t[Passed], t[Failed], t[Skipped]+t[Pending], t[NotRun])
	}
	if m.Failed() {
		os.Exit(1)
	}
}

// addArg adds the reports that one argument names.
func addArg(m *Matrix, arg string) error {
	name, path, named := strings.Cut(arg, "=")
	if !named {
		name, path = "", arg
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return addFile(m, name, path, "")
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, _ := filepath.Rel(path, p)
		return addFile(m, name, p, rel)
	})
}

// addFile adds one report file, if it is a report of the conformance suite.
func addFile(m *Matrix, name, path, rel string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var reports []types.Report
	if json.Unmarshal(data, &reports) != nil || len(reports) == 0 {
		return nil // not a Ginkgo report
	}
	platform := Platform(reports[0].SuiteDescription)
	if platform == "" {
		return nil // another suite's report
	}
	if name == "" {
		name = ColumnName(platform, path, rel)
	}
	m.Add(name, filepath.ToSlash(path), reports)
	return nil
}

var suiteRE = regexp.MustCompile(`^pyselect conformance \(([a-z0-9]+/[a-z0-9]+)\)$`)

// Platform returns the GOOS/GOARCH of a conformance suite's description
// ("pyselect conformance (linux/amd64)"), or "" for another suite.
func Platform(suiteDescription string) string {
	if m := suiteRE.FindStringSubmatch(suiteDescription); m != nil {
		return m[1]
	}
	return ""
}

// ColumnName names a report's column: platform, then how it ran, read
// from its path. A "qemu" folder (out/qemu/<arch>/) or a CI artifact named
// qemu-linux-<arch> is "qemu", a "wine" folder is "Wine"; otherwise, for a
// report found under a folder argument, the first folder of rel (a CI
// artifact's name, without a "conformance-" prefix: "macos-15",
// "vm-freebsd-14.4"); else it ran natively and is platform alone.
func ColumnName(platform, path, rel string) string {
	for _, dir := range strings.Split(filepath.ToSlash(filepath.Dir(path)), "/") {
		switch {
		case dir == "qemu" || strings.HasPrefix(dir, "qemu-"):
			return platform + " (qemu)"
		case dir == "wine":
			return platform + " (Wine)"
		}
	}
	if first, _, ok := strings.Cut(filepath.ToSlash(rel), "/"); ok {
		how := strings.TrimPrefix(first, "conformance-")
		if strings.ReplaceAll(how, "-", "/") == platform {
			return platform // the artifact of a native run: conformance-linux-amd64
		}
		return platform + " (" + how + ")"
	}
	return platform
}
