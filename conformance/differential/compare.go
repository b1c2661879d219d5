// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// A Divergence is a step where pyselect deliberately does not do what
// CPython does. fixtures/divergences.json declares them all, each with its
// reason and the exact outcome Go must produce instead; nothing else may
// differ.
type Divergence struct {
	Scenario string  `json:"scenario"`
	Step     int     `json:"step"`
	Reason   string  `json:"reason"`
	Go       Outcome `json:"go"`
}

// LoadDivergences reads fixtures/divergences.json.
func LoadDivergences(path string) ([]Divergence, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f struct {
		Divergences []Divergence `json:"divergences"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, d := range f.Divergences {
		if d.Scenario == "" || d.Step < 1 || d.Reason == "" || d.Go == nil {
			return nil, fmt.Errorf("%s: every divergence needs scenario, step, reason and go: %+v", path, d)
		}
	}
	return f.Divergences, nil
}

// A Mismatch is one step where the replay and the recording disagree.
type Mismatch struct {
	Step   int // 1-based; 0 for the whole scenario
	Call   string
	Python Outcome
	Go     Outcome
	Note   string
}

// comparable strips what is for the reader only.
func comparable(o Outcome) Outcome {
	out := Outcome{}
	for k, v := range o {
		if k != "step" && k != "call" {
			out[k] = v
		}
	}
	return out
}

// Compare lists the steps where got (from Replay) differs from the
// recording, honouring the declared divergences of this scenario.
func Compare(sc *Scenario, rec *Recording, got []Outcome, divs []Divergence) []Mismatch {
	if rec.Digest != sc.Digest {
		return []Mismatch{{Note: "the recording is of another version of the scenario (scenario_sha256 differs): run make fixtures"}}
	}
	if len(rec.Steps) != len(got) {
		return []Mismatch{{Note: fmt.Sprintf("the recording has %d steps, the replay %d", len(rec.Steps), len(got))}}
	}
	declared := map[int]Divergence{}
	for _, d := range divs {
		if d.Scenario == sc.Name {
			declared[d.Step] = d
		}
	}
	var out []Mismatch
	for i := range got {
		py, g := comparable(rec.Steps[i]), comparable(got[i])
		call, _ := rec.Steps[i]["call"].(string)
		m := Mismatch{Step: i + 1, Call: call, Python: py, Go: g}
		if d, ok := declared[i+1]; ok {
			switch {
			case cmp.Equal(py, g):
				m.Note = "declared divergence no longer diverges: remove it from fixtures/divergences.json (" + d.Reason + ")"
				out = append(out, m)
			case !cmp.Equal(comparable(d.Go), g):
				m.Note = "declared divergence, but Go should say " + compact(d.Go) + "\n" + diff(comparable(d.Go), g)
				out = append(out, m)
			}
			delete(declared, i+1)
			continue
		}
		if !cmp.Equal(py, g) {
			m.Note = diff(py, g)
			out = append(out, m)
		}
	}
	for step, d := range declared {
		out = append(out, Mismatch{Step: step, Note: "declared divergence for a step the scenario does not have: " + d.Reason})
	}
	return out
}

func diff(py, g Outcome) string {
	return "diff (-python +go):\n" + cmp.Diff(py, g)
}

func compact(o Outcome) string {
	b, err := json.Marshal(o)
	if err != nil {
		return fmt.Sprint(o)
	}
	return string(b)
}

// Report renders mismatches step by step: the call, what Python said,
// what Go said.
func Report(sc *Scenario, rec *Recording, ms []Mismatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "scenario %s (fixtures/scenarios/%s.json) against fixtures/cpython/%s/%s.json: %d step(s) differ\n",
		sc.Name, sc.Name, rec.Dir, sc.Name, len(ms))
	for _, m := range ms {
		if m.Step == 0 {
			fmt.Fprintf(&b, "  %s\n", m.Note)
			continue
		}
		fmt.Fprintf(&b, "step %d: %s\n", m.Step, m.Call)
		if m.Python != nil || m.Go != nil {
			fmt.Fprintf(&b, "  Python said: %s\n  Go said:     %s\n", compact(m.Python), compact(m.Go))
		}
		if m.Note != "" {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(strings.TrimSpace(m.Note), "\n", "\n  "))
		}
	}
	return b.String()
}
