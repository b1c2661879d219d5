// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package conformance_test

import (
	"bufio"
	"os"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// readmeRows reads a porting table of the README: the rows after the line
// heading up to the first line that is not a table row, as Python form ->
// Go form, each cell as written (backquotes and \| kept).
func readmeRows(heading string) map[string]string {
	GinkgoHelper()
	f, err := os.Open("../README.md")
	Expect(err).NotTo(HaveOccurred(), "README.md from the package directory (runtests.sh and go test run there)")
	defer f.Close()
	rows := map[string]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == heading:
			in = true
		case in && strings.HasPrefix(line, "| `"):
			cells := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), "|")
			Expect(len(cells)).To(BeNumerically(">=", 4), "a two-column row: %q", line)
			rows[strings.ReplaceAll(strings.TrimSpace(cells[1]), "\x00", `\|`)] = strings.ReplaceAll(strings.TrimSpace(cells[2]), "\x00", `\|`)
		case in && len(rows) > 0 && !strings.HasPrefix(line, "|"):
			return rows
		}
	}
	Expect(sc.Err()).NotTo(HaveOccurred())
	return rows
}

// A readmeRow is a row of one of the README's porting tables: the Python
// forms and the Go forms as the README writes them, and a run of the Go
// forms that checks they do what the Python forms do.
type readmeRow struct {
	python, goForm string
	run            func()
}

// readmeTableSpecs makes a spec of each row, and one that the README's
// table under heading has exactly these rows.
//
// Source: the README's table under heading (each row's Go form does what
// its Python form does, as the container's source block says).
func readmeTableSpecs(heading string, rows []readmeRow) {
	for _, row := range rows {
		It("runs "+row.goForm+" as Python's "+row.python, row.run)
	}
	It("has exactly the rows these specs run, with the same Go forms", func() {
		tested := map[string]string{}
		for _, row := range rows {
			tested[row.python] = row.goForm
		}
		Expect(readmeRows(heading)).To(Equal(tested))
	})
}
