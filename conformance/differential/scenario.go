// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// A Scenario is one fixtures/scenarios/NAME.json file.
type Scenario struct {
	Name   string   `json:"name"`
	API    []string `json:"api"`
	Doc    string   `json:"doc"`
	Source string   `json:"source"`
	OS     []string `json:"os,omitempty"`
	Steps  []Step   `json:"steps"`

	// Process "fresh" runs the scenario in a new process (recorder and
	// replayer alike), whose fd table holds only what the scenario opens:
	// for select(2), an fd beyond the table is not checked.
	Process string `json:"process,omitempty"`

	// Digest is the SHA-256 of the file's bytes, which the recording
	// repeats: a recording of an edited scenario is stale.
	Digest string `json:"-"`
}

// A Step is one operation. Library calls ("select", "poll.register",
// "epoll.poll", ...) take Args and Kwargs in the value language (see
// World.value); harness steps ("pipe", "write", "close", ...) use the
// named fields.
type Step struct {
	Op     string         `json:"op"`
	As     any            `json:"as,omitempty"` // a name, or a list of names
	On     string         `json:"on,omitempty"`
	Args   []any          `json:"args,omitempty"`
	Kwargs map[string]any `json:"kwargs,omitempty"`

	// Each runs a register/modify/unregister once per fd of a
	// "socketpairs" group (Args then omit the fd); Len records only the
	// length of a poll result.
	Each string `json:"each,omitempty"`
	Len  bool   `json:"len,omitempty"`

	Fd    string  `json:"fd,omitempty"`
	Onto  string  `json:"onto,omitempty"` // dup2's target
	Count int     `json:"count,omitempty"`
	Min   int     `json:"min,omitempty"` // dup's lowest number (else the harness's base, 256)
	Data  *string `json:"data,omitempty"`
	Size  int     `json:"size,omitempty"`
	How   string  `json:"how,omitempty"`
	Type  string  `json:"type,omitempty"` // a socketpair's, a fileobj's, a selector's class, a socket's
	// Family is a socket's address family ("AF_INET").
	Family string `json:"family,omitempty"`

	// "later": run Step in another goroutine after MS milliseconds.
	MS    int   `json:"ms,omitempty"`
	Later *Step `json:"step,omitempty"`

	// Timed asks for the wait to be classified "before" or "after" half
	// of its timeout (or of TimedMS); Unordered compares a result list as
	// a set (epoll's ready-list order is the kernel's).
	Timed     bool     `json:"timed,omitempty"`
	TimedMS   *float64 `json:"timed_ms,omitempty"`
	Unordered bool     `json:"unordered,omitempty"`
}

// Names returns the resource names the step creates.
func (s *Step) Names() []string {
	switch v := s.As.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, len(v))
		for i, n := range v {
			out[i], _ = n.(string)
		}
		return out
	}
	return nil
}

// A Recording is one fixtures/cpython/<os>-<python>/NAME.json file.
type Recording struct {
	Scenario string    `json:"scenario"`
	Digest   string    `json:"scenario_sha256"`
	Python   string    `json:"python"`
	Kernel   string    `json:"kernel"`
	OS       string    `json:"os"`
	Machine  string    `json:"machine"`
	Steps    []Outcome `json:"steps"`

	Dir string `json:"-"` // e.g. "linux-3.11"
}

// An Outcome is what one step did: "result" or "error", and "timing" for
// a timed wait. "step" and "call" are for the reader.
type Outcome map[string]any

// decode reads JSON keeping integers exact (json.Number).
func decode(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// LoadScenario reads one scenario file.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sc := new(Scenario)
	if err := decode(data, sc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if want := strings.TrimSuffix(filepath.Base(path), ".json"); sc.Name != want {
		return nil, fmt.Errorf("%s: name is %q, want %q", path, sc.Name, want)
	}
	sum := sha256.Sum256(data)
	sc.Digest = hex.EncodeToString(sum[:])
	return sc, nil
}

// LoadScenarios reads every scenario in dir, sorted by name.
func LoadScenarios(dir string) ([]*Scenario, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*Scenario
	for _, p := range paths {
		sc, err := LoadScenario(p)
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

// LoadRecording reads one recording file. Outcomes are decoded as plain
// JSON (numbers as float64), the form Replay's outcomes are compared in.
func LoadRecording(path string) (*Recording, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rec := new(Recording)
	if err := json.Unmarshal(data, rec); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rec.Dir = filepath.Base(filepath.Dir(path))
	return rec, nil
}

// RecordingDirs lists the recording directories of one OS under root
// (fixtures/cpython): "linux-3.11", "linux-3.12", ...
func RecordingDirs(root, goos string) []string {
	dirs, _ := filepath.Glob(filepath.Join(root, goos+"-*"))
	sort.Strings(dirs)
	return dirs
}
