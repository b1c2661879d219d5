// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

// On OpenBSD a Kqueue's waker signals its recorded waiters with
// librthread's pthread_kill (wake_signal_libc.go), which is thrkill(2)
// from libc; kqueue_scan (sys/kern/kern_event.c) returns EINTR for the
// signal ("don't restart after signals"). It replaces a private kqueue
// watching the instance with a pipe as its wake source (x/sys exports no
// EVFILT_USER for OpenBSD): four descriptors, and three kevent calls for
// a wait that blocks. The runtime imports libpthread.so for its own
// threads (runtime/sys_openbsd.go), so these symbols are there.

//go:cgo_import_dynamic libc_pthread_self pthread_self "libpthread.so"
//go:cgo_import_dynamic libc_pthread_kill pthread_kill "libpthread.so"
