// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !linux

package pyselect

// NewPoller is "select.epoll() if hasattr(select, 'epoll') else
// select.poll()": where there is no epoll, a new Poll, as a Poller (see
// Poll.Poller). Its Poll takes milliseconds, as a Poll's (an Epoll's takes
// seconds, as in Python; a time.Duration means the same to both).
func NewPoller() (Poller, error) { return NewPoll().Poller(), nil }
