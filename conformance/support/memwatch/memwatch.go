// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package memwatch names a runaway test before the memory cap kills it.
// Every test binary imports it for its side effect:
//
//	import _ "github.com/pyselect/pyselect/conformance/support/memwatch"
//
// .ci/memcap.sh runs the tests under an RLIMIT_AS. A binary that reaches
// it dies of "runtime: out of memory" with the allocating goroutine's
// stack, which names the test, but under the race detector it is
// ThreadSanitizer's allocation that fails first, and it may print no Go
// stack of the test at all. So on Linux, when the binary starts under a
// finite RLIMIT_AS, a goroutine reads the peak resident set every 100 ms
// (getrusage(2)) and panics with every goroutine's stack, the running
// tests' among them, once it passes a quarter of the limit the binary
// started with. Under -race, a runaway test reaches 3.6 GB resident
// before an 8 GiB RLIMIT_AS ends it; without, the address space stays
// about 1.3 GB above the resident set. A test that lowers the limit later,
// for itself or a child, is not watched against the lower one.
package memwatch
