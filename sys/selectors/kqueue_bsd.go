// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package selectors

import (
	"errors"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// A KqueueSelector is selectors.KqueueSelector: a selector on
// select.kqueue (pyselect.Kqueue), on macOS and the BSDs. EVENT_READ and
// EVENT_WRITE are a KQ_FILTER_READ and a KQ_FILTER_WRITE kevent each, so
// an fd registered for both is reported as two Readys with the same key.
//
// Close closes the kqueue object: a Select in another goroutine is woken
// and returns ValueError "I/O operation on closed kqueue object", as
// every later Select or Register does.
type KqueueSelector[D any] struct {
	keys[D]
	kq        *pyselect.Kqueue
	maxEvents int // filters registered: Python's _max_events
}

var _ BaseSelector[any] = (*KqueueSelector[any])(nil)

// NewKqueueSelector is selectors.KqueueSelector(): it makes a kqueue,
// which can fail as kqueue(2) does (OSError EMFILE).
func NewKqueueSelector[D any]() (BaseSelector[D], error) {
	kq, err := pyselect.NewKqueue()
	if err != nil {
		return nil, err
	}
	return &KqueueSelector[D]{kq: kq}, nil
}

// kqFilters are the filters of EVENT_READ and EVENT_WRITE.
var kqFilters = [...]struct {
	event  int
	filter int64
}{{EVENT_READ, pyselect.KQ_FILTER_READ}, {EVENT_WRITE, pyselect.KQ_FILTER_WRITE}}

// Fileno is fileno(): the kqueue descriptor, or ValueError once closed.
func (s *KqueueSelector[D]) Fileno() (int, error) { return s.kq.Fileno() }

// control applies one change: kqueue.control([kevent(fd, filter, flags)], 0, 0).
func (s *KqueueSelector[D]) control(fd int, filter, flags int64) error {
	kev, err := pyselect.NewKevent(fd, filter, flags)
	if err == nil {
		_, err = s.kq.Control([]pyselect.Kevent{kev}, 0, 0)
	}
	return err
}

// Register is register(fileobj, events, data=None) (see
// SelectSelector.Register), which adds a kevent filter per event; if the
// kernel refuses one (a closed fd: OSError EBADF), the key is removed and
// the error returned (a filter added before stays, as in Python).
func (s *KqueueSelector[D]) Register(fileobj any, events int, data ...D) (*SelectorKey[D], error) {
	return locked(&s.keys, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		return s.registerLocked("KqueueSelector.register", f, events, data)
	})
}

func (s *KqueueSelector[D]) registerLocked(method string, f fileobjRef, events int, data []D) (*SelectorKey[D], error) {
	key, err := s.keys.registerLocked(method, f, events, data)
	if err != nil {
		return nil, err
	}
	for _, kf := range kqFilters {
		if events&kf.event == 0 {
			continue
		}
		if err := s.control(key.Fd, kf.filter, pyselect.KQ_EV_ADD); err != nil {
			s.popLocked(key.Fd)
			return nil, err
		}
		s.maxEvents++
	}
	return key, nil
}

// Unregister is unregister(fileobj) (see SelectSelector.Unregister),
// which deletes the key's filters, ignoring an OSError (the fd was closed
// since it was registered, which removed them already).
func (s *KqueueSelector[D]) Unregister(fileobj any) (*SelectorKey[D], error) {
	return locked(&s.keys, refOf(fileobj), s.unregisterLocked)
}

func (s *KqueueSelector[D]) unregisterLocked(f fileobjRef) (*SelectorKey[D], error) {
	key, err := s.keys.unregisterLocked(f)
	if err != nil {
		return nil, err
	}
	for _, kf := range kqFilters {
		if key.Events&kf.event == 0 {
			continue
		}
		s.maxEvents--
		if err := s.control(key.Fd, kf.filter, pyselect.KQ_EV_DELETE); err != nil && !errors.Is(err, builtins.OSError) {
			return nil, err
		}
	}
	return key, nil
}

// Modify is modify(fileobj, events, data=None), _BaseSelectorImpl's (see
// SelectSelector.Modify).
func (s *KqueueSelector[D]) Modify(fileobj any, events int, data ...D) (*SelectorKey[D], error) {
	return baseModify(&s.keys, fileobj, events, data, s.unregisterLocked, s.registerLocked)
}

// Select is select(timeout=None) (see SelectSelector.Select): timeout is
// max(timeout, 0) seconds, and kqueue is asked for as many events as
// filters are registered, at least 1, so that the timeout applies with
// no fd registered (bpo-29255). The result is in the kernel's order, one
// Ready per filter.
func (s *KqueueSelector[D]) Select(timeout ...any) ([]Ready[D], error) {
	t, err := timeoutArg("KqueueSelector.select", timeout)
	if err != nil {
		return nil, err
	}
	if t, err = maxZero(t); err != nil {
		return nil, err
	}
	s.mu.Lock()
	maxEv := s.maxEvents
	s.mu.Unlock()
	if maxEv == 0 {
		maxEv = 1
	}
	kevs, err := s.kq.Control(nil, maxEv, t)
	if err != nil {
		return interrupted[D](err)
	}
	ready := make([]Ready[D], 0, len(kevs))
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, kev := range kevs {
		events := 0
		switch kev.Filter {
		case pyselect.KQ_FILTER_READ:
			events |= EVENT_READ
		case pyselect.KQ_FILTER_WRITE:
			events |= EVENT_WRITE
		}
		if kev.Ident <= uint64(^uint(0)>>1) {
			ready = s.readyLocked(ready, int(kev.Ident), events)
		}
	}
	return ready, nil
}

// Close is close(): close the kqueue object, then forget every key.
func (s *KqueueSelector[D]) Close() error {
	s.kq.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeLocked()
	return nil
}
