// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/onsi/ginkgo/v2/types"
)

// The catalogue has one top-level container per Python API (select.epoll.poll,
// selectors.EpollSelector, socket.socket.recv) or per Go-only form of one.
// Ginkgo merges no containers: two Describe calls with one text are two
// trees. So a spec file does not call Describe at the top level; it hands
// its part of an API's specification to describe, and the one Describe of
// each API, made before RunSpecs, runs every part in the order it was
// given. A part puts what it is about (a condition, a Go form, signals,
// memory) into a When or Context of its own.

// apiParts holds, per API, the parts describe was given.
var apiParts = map[string][]func(){}

// apiLabels holds, per API, the labels given with its parts that have no
// topic; they mark every spec under the API.
var apiLabels = map[string][]string{}

// apiOrder is the order in which the APIs were first described.
var apiOrder []string

// describe adds a part to the one Describe of api: body, with the labels
// among args (Ginkgo Labels, any number) and, if topic is not empty, in a
// Context of that text. A part with no topic gives its labels to every spec
// under api. describe returns true, for var _ = describe(...); parts made in
// a loop call it from an init function.
func describe(api, topic string, args ...any) bool {
	if _, ok := apiParts[api]; !ok {
		apiOrder = append(apiOrder, api)
	}
	var labels Labels
	var body func()
	for _, a := range args {
		switch a := a.(type) {
		case Labels:
			labels = append(labels, a...)
		case func():
			body = a
		default:
			panic(fmt.Sprintf("describe(%q, %q): %T is neither Labels nor the body", api, topic, a))
		}
	}
	if body == nil {
		panic(fmt.Sprintf("describe(%q, %q): no body", api, topic))
	}
	part := body
	if topic != "" {
		part = func() { Context(topic, labels, body) }
	} else {
		for _, l := range labels {
			if !slices.Contains(apiLabels[api], l) {
				apiLabels[api] = append(apiLabels[api], l)
			}
		}
	}
	apiParts[api] = append(apiParts[api], part)
	return true
}

// describeAPIs makes the one Describe of each API, before RunSpecs.
func describeAPIs() {
	for _, api := range apiOrder {
		parts := apiParts[api]
		Describe(api, Label(apiLabels[api]...), func() {
			for _, part := range parts {
				part()
			}
		})
	}
}

// maxSpecName is the longest a spec's full text (its containers' texts and
// its own, space-separated) may be: the catalogue is read line by line, and
// a name that long says more than one spec should check.
const maxSpecName = 150

// The catalogue's shape is checked on every run, dry runs too: one
// top-level container per API text, and no spec name over maxSpecName.
var _ = ReportAfterSuite("the catalogue has one tree per API and short names", func(r Report) {
	tops := map[string]map[string]bool{}
	var long []string
	for _, s := range r.SpecReports {
		if s.LeafNodeType != types.NodeTypeIt || len(s.ContainerHierarchyTexts) == 0 {
			continue
		}
		top, loc := s.ContainerHierarchyTexts[0], s.ContainerHierarchyLocations[0].String()
		if tops[top] == nil {
			tops[top] = map[string]bool{}
		}
		tops[top][loc] = true
		if name := s.FullText(); utf8.RuneCountInString(name) > maxSpecName {
			long = append(long, fmt.Sprintf("%d characters: %s (%s)", utf8.RuneCountInString(name), name, s.LeafNodeLocation))
		}
	}
	var split []string
	for top, locs := range tops {
		if len(locs) > 1 {
			split = append(split, fmt.Sprintf("%q at %s", top, strings.Join(slices.Sorted(maps.Keys(locs)), ", ")))
		}
	}
	slices.Sort(split)
	Expect(split).To(BeEmpty(), "top-level containers an API's describe should merge")
	Expect(long).To(BeEmpty(), "spec names longer than %d characters", maxSpecName)
})
