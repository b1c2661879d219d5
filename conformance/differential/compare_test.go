// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"strings"
	"testing"
)

// The comparator is the oracle of every differential spec: these cases
// show that it fails where it must.
func TestCompare(t *testing.T) {
	sc := &Scenario{Name: "s", Digest: "d", Steps: make([]Step, 2)}
	py := []Outcome{
		{"step": 1.0, "call": "pipe() -> r, w", "result": nil},
		{"step": 2.0, "call": "p.poll(0)", "result": []any{[]any{"w", "POLLOUT"}}},
	}
	same := []Outcome{{"step": 1.0, "result": nil}, {"step": 2.0, "result": []any{[]any{"w", "POLLOUT"}}}}
	other := []Outcome{{"step": 1.0, "result": nil}, {"step": 2.0, "error": map[string]any{"class": "OSError"}}}
	div := []Divergence{{Scenario: "s", Step: 2, Reason: "why", Go: Outcome{"error": map[string]any{"class": "OSError"}}}}
	for _, tc := range []struct {
		name   string
		digest string
		got    []Outcome
		divs   []Divergence
		want   []string // substrings of the report; none means no mismatch
	}{
		{"equal", "d", same, nil, nil},
		{"differs", "d", other, nil, []string{"step 2: p.poll(0)", "Python said:", "Go said:", `"class":"OSError"`}},
		{"declared divergence matches", "d", other, div, nil},
		{"declared divergence no longer diverges", "d", same, div, []string{"no longer diverges"}},
		{"declared divergence, other Go outcome", "d", []Outcome{same[0], {"result": nil}}, div, []string{"Go should say"}},
		{"stale recording", "x", same, nil, []string{"run make fixtures"}},
		{"step count", "d", same[:1], nil, []string{"2 steps, the replay 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &Recording{Digest: tc.digest, Steps: py, Dir: "linux-3.11"}
			ms := Compare(sc, rec, tc.got, tc.divs)
			rep := Report(sc, rec, ms)
			if len(tc.want) == 0 && len(ms) != 0 {
				t.Fatalf("unexpected mismatch:\n%s", rep)
			}
			if len(tc.want) != 0 && len(ms) == 0 {
				t.Fatalf("no mismatch reported, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(rep, w) {
					t.Errorf("report lacks %q:\n%s", w, rep)
				}
			}
		})
	}
}

// formatMask must spell masks exactly as record.py does.
func TestFormatMask(t *testing.T) {
	for _, tc := range []struct {
		v    uint64
		want string
	}{
		{0, "0"},
		{1 | 4, "POLLIN|POLLOUT"},
		{32, "POLLNVAL"},
	} {
		if got := formatMask(tc.v, "POLL"); got != tc.want {
			t.Errorf("formatMask(%#x) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// pyDumps must order unordered results as Python's json.dumps(sort_keys=True).
func TestPyDumps(t *testing.T) {
	got := pyDumps(map[string]any{"b": []any{"x", 1.0}, "a": nil})
	if want := `{"a": null, "b": ["x", 1]}`; got != want {
		t.Errorf("pyDumps = %s, want %s", got, want)
	}
}
