// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package differential replays scenarios recorded with CPython's select
// module against pyselect and compares the two, step by step.
//
// A scenario (fixtures/scenarios/NAME.json) is a list of steps over named
// resources: pipes, socket pairs, files, poll/epoll/kqueue objects. The
// recorder fixtures/record.py runs it with CPython and writes what every
// step returned or raised to fixtures/cpython/<os>-<python>/NAME.json, with
// fds mapped back to their names. Replay runs the same steps with pyselect
// and encodes the outcomes the same way, so the two can be compared as
// data; Compare reports every step where they differ, except the
// deliberate divergences declared in fixtures/divergences.json.
//
// The scenario language is described in fixtures/README.md.
package differential
