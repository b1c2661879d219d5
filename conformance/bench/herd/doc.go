// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package herd holds the thundering-herd benchmark: goroutines blocked on
// one Epoll, through the public API only, beside unix.EpollWait on one
// epoll descriptor, where the kernel wakes one waiter per event
// (fs/eventpoll.c: ep_poll queues each waiter exclusive, so the wake-up
// of ep_poll_callback ends at the first). conformance/bench/run runs it
// under perf to count the waits per event too; see BenchmarkEpollHerd.
package herd
