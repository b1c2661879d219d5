// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// On macOS a Kqueue's waker signals its recorded waiters with libSystem's
// pthread_kill (wake_signal_libc.go), as the runtime signals its threads
// (runtime/sys_darwin.go: pthread_kill); xnu's kevent_cleanup
// (bsd/kern/kern_event.c) returns EINTR for the signal.
//
// The design it replaces waited in a private kqueue watching the instance
// and an EVFILT_USER wake-up: two descriptors, three kevent calls for a
// wait that blocks, and one of xnu's kqueue nesting levels. xnu keeps a
// level per kqueue (kq_level: 1 for one inside another, one more than its
// deepest child for a parent) and refuses to add a kqueue to a parent
// whose level is set and below the child's (bsd/kern/kern_event.c:
// kqueue_kqfilter, its "ceiling protocol" against cycles). A private
// kqueue made every user's kqueue a child from birth, so a user's own
// three-deep nesting, built innermost first (Z added to X, then X to Y),
// failed with EINVAL at the second step, where CPython's succeeds
// (TestKqueueUserNestingThreeDeep).

//go:cgo_import_dynamic libc_pthread_self pthread_self "/usr/lib/libSystem.B.dylib"
//go:cgo_import_dynamic libc_pthread_kill pthread_kill "/usr/lib/libSystem.B.dylib"
