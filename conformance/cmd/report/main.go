// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Command report prints a Ginkgo JSON report of the conformance suite as
// a readable summary: per API (the outermost Describe), how many specs
// passed, failed and were skipped; every failure with its location and
// message; every skip with its reason; every value the kernel answered
// where the suite's row for this OS is unknown (observed, unverified:
// recorded, not asserted; conformance/PLATFORMS.md#observed-rows). It
// exits 1 if any spec failed.
//
//	go run ./conformance/cmd/report out/conformance.json
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/pyselect/pyselect/conformance/support"
)

type tally struct{ passed, failed, skipped, pending int }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: report REPORT.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var reports []types.Report
	if err := json.Unmarshal(data, &reports); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(2)
	}
	failed := false
	for _, r := range reports {
		failed = print(r) || failed
	}
	if failed {
		os.Exit(1)
	}
}

func print(r types.Report) (failed bool) {
	byAPI := map[string]*tally{}
	var total tally
	var failures, skips, observed []string
	for _, s := range r.SpecReports {
		if s.LeafNodeType != types.NodeTypeIt {
			if s.State.Is(types.SpecStateFailureStates) {
				failures = append(failures, fmt.Sprintf("  %s %s\n      %s\n      %s", s.LeafNodeType, s.LeafNodeLocation, s.Failure.Message, s.Failure.Location))
			}
			continue
		}
		api := "(top level)"
		if len(s.ContainerHierarchyTexts) > 0 {
			api = s.ContainerHierarchyTexts[0]
		}
		t := byAPI[api]
		if t == nil {
			t = &tally{}
			byAPI[api] = t
		}
		name := strings.Join(append(append([]string{}, s.ContainerHierarchyTexts...), s.LeafNodeText), " / ")
		for _, e := range s.ReportEntries {
			if e.Name == support.ObservedEntry {
				observed = append(observed, fmt.Sprintf("  %s\n      %s", name, e.Value.Representation))
			}
		}
		switch {
		case s.State == types.SpecStatePassed:
			t.passed++
			total.passed++
		case s.State == types.SpecStateSkipped:
			t.skipped++
			total.skipped++
			reason := s.Failure.Message
			if reason == "" {
				reason = "filtered out (label or focus)"
			}
			skips = append(skips, fmt.Sprintf("  %s\n      %s", name, reason))
		case s.State == types.SpecStatePending:
			t.pending++
			total.pending++
		case s.State.Is(types.SpecStateFailureStates):
			t.failed++
			total.failed++
			failures = append(failures, fmt.Sprintf("  %s\n      %s\n      %s", name, s.Failure.Message, s.Failure.Location))
		}
	}
	fmt.Printf("\n%s\n%s\n", r.SuiteDescription, strings.Repeat("=", len(r.SuiteDescription)))
	apis := make([]string, 0, len(byAPI))
	for a := range byAPI {
		apis = append(apis, a)
	}
	sort.Strings(apis)
	fmt.Printf("%-44s %7s %7s %7s\n", "API", "passed", "failed", "skipped")
	for _, a := range apis {
		t := byAPI[a]
		fmt.Printf("%-44s %7d %7d %7d\n", a, t.passed, t.failed, t.skipped)
	}
	fmt.Printf("%-44s %7d %7d %7d\n", "total", total.passed, total.failed, total.skipped)
	if len(skips) > 0 {
		fmt.Printf("\nSkipped on this OS, with the reason:\n%s\n", strings.Join(skips, "\n"))
	}
	if len(observed) > 0 {
		fmt.Printf("\nObserved, unverified (this OS's row is not cited yet; make observed prints them as rows to cite):\n%s\n", strings.Join(observed, "\n"))
	}
	if len(failures) > 0 {
		fmt.Printf("\nFailed:\n%s\n", strings.Join(failures, "\n"))
	}
	fmt.Printf("\nRun time %s on %s.\n", r.RunTime.Round(1e6), r.SuitePath)
	fmt.Printf("%d passed, %d failed, %d skipped\n", total.passed, total.failed, total.skipped)
	return total.failed > 0 || !r.SuiteSucceeded
}
