// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"strings"

	. "github.com/onsi/ginkgo/v2"
)

// A Row is what one OS's kernel answers in one situation: either cited,
// with the kernel function that decides it (repository path and function
// name), or unknown. An unknown row is never asserted; the spec records
// what the kernel answered instead (see Rows.Expect).
type Row[T any] struct {
	Value  T
	Source string // "NetBSD/src sys/kern/uipc_socket.c: sodopoll ..."; "" if unknown
	Note   string // for an unknown row, what is known and why it is not enough
	cited  bool
}

// Cited is a row whose value source, the kernel function that decides it,
// shows: a mismatch fails the spec.
func Cited[T any](value T, source string) Row[T] {
	return Row[T]{Value: value, Source: source, cited: true}
}

// Unknown is a row no kernel source settles yet; note says what is known.
// On that OS the spec records the kernel's answer and passes.
func Unknown[T any](note string) Row[T] { return Row[T]{Note: note} }

// IsCited reports whether r is a cited row.
func (r Row[T]) IsCited() bool { return r.cited }

// Rows is one per-OS table of a spec: a name (the Go expression that
// holds it, so that an observation can be pasted back), and a Row per
// GOOS. An OS without a row is unknown.
type Rows[T any] struct {
	Name string
	OS   map[string]Row[T]
	// GoValue writes a value as Go source (default: %#v, converted to its
	// named type where it is a bare number).
	GoValue func(T) string
}

// Row returns goos's row: Unknown if the table has none.
func (t Rows[T]) Row(goos string) Row[T] {
	if r, ok := t.OS[goos]; ok {
		return r
	}
	return Unknown[T]("no row for " + goos)
}

// ObservedEntry is the name of the report entry an unknown row's answer
// is recorded under (Ginkgo's AddReportEntry); cmd/matrix reads it back.
const ObservedEntry = "observed, unverified"

// An Observation is what the kernel answered where the table's row is
// unknown: the table and OS, the answer as Go source (Value) and as text.
type Observation struct {
	Table  string `json:"table"`
	GOOS   string `json:"goos"`
	GOARCH string `json:"goarch"`
	Type   string `json:"type"`  // the row's Go type: "pyselect.Mask"
	Value  string `json:"value"` // Go source, to paste into a support.Cited row
	Text   string `json:"text"`  // fmt's %v of the value
	Note   string `json:"note,omitempty"`
}

func (o Observation) String() string {
	return fmt.Sprintf("%s on %s/%s: %s (%s)", o.Table, o.GOOS, o.GOARCH, o.Value, o.Text)
}

// A Checker takes a row's outcome. Ginkgo's (Suite) fails the running
// spec on a mismatch and adds an observation to its report entries.
type Checker interface {
	Fail(message string)
	Observe(Observation)
}

// Suite is the Checker of the conformance suite's specs.
var Suite Checker = ginkgoChecker{}

type ginkgoChecker struct{}

func (ginkgoChecker) Fail(message string) { GinkgoHelper(); Fail(message) }
func (ginkgoChecker) Observe(o Observation) {
	AddReportEntry(ObservedEntry, o)
	GinkgoWriter.Printf("%s: %s\n", ObservedEntry, o)
}

// Expect checks got, this OS's answer, against this OS's row: a cited
// row must equal it (reflect.DeepEqual), or the spec fails with the
// source; an unknown row records got in the report, marked observed and
// unverified, and the spec goes on.
func (t Rows[T]) Expect(got T) {
	GinkgoHelper()
	t.ExpectOn(Suite, runtime.GOOS, runtime.GOARCH, got)
}

// ExpectOn is Expect for goos/goarch, reporting to c.
func (t Rows[T]) ExpectOn(c Checker, goos, goarch string, got T) {
	GinkgoHelper()
	r := t.Row(goos)
	switch {
	case !r.cited:
		c.Observe(Observation{Table: t.Name, GOOS: goos, GOARCH: goarch, Type: fmt.Sprintf("%T", got), Value: t.goValue(got), Text: fmt.Sprint(got), Note: r.Note})
	case strings.TrimSpace(r.Source) == "":
		c.Fail(fmt.Sprintf("%s: the %s row is cited without a source", t.Name, goos))
	case !reflect.DeepEqual(got, r.Value):
		c.Fail(fmt.Sprintf("%s on %s: the kernel answered %s (%v), the cited row says %s (%v)\nSource: %s",
			t.Name, goos, t.goValue(got), got, t.goValue(r.Value), r.Value, r.Source))
	}
}

var bareNumber = regexp.MustCompile(`^-?(0x)?[0-9a-f]+$`)

func (t Rows[T]) goValue(v T) string {
	if t.GoValue != nil {
		return t.GoValue(v)
	}
	s := fmt.Sprintf("%#v", v)
	if typ := fmt.Sprintf("%T", v); bareNumber.MatchString(s) && strings.Contains(typ, ".") {
		return typ + "(" + s + ")"
	}
	return s
}
