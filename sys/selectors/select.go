// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import "slices"

// A SelectSelector is selectors.SelectSelector: a selector on
// select.select (pyselect.Select). It works on every OS, on Windows for
// sockets only, as Python's.
//
// It holds no descriptor: Close only forgets the keys. The fds are
// checked when Select runs, not when registered: an fd of FD_SETSIZE or
// more registers, and Select then fails with ValueError "filedescriptor
// out of range in select()" (use a PollSelector or the DefaultSelector
// for more fds, as Python's docs advise).
type SelectSelector[D any] struct {
	keys[D]
	readers, writers map[int]struct{} // Python's _readers and _writers sets
}

var _ BaseSelector[any] = (*SelectSelector[any])(nil)

// NewSelectSelector is selectors.SelectSelector(). It cannot fail, but
// has the shape of every selector constructor (see NewPollSelector).
func NewSelectSelector[D any]() (BaseSelector[D], error) {
	return &SelectSelector[D]{readers: map[int]struct{}{}, writers: map[int]struct{}{}}, nil
}

// Register is register(fileobj, events, data=None): watch fileobj (an fd,
// or a value with a Fileno method or a syscall.Conn, as pyselect takes
// them) for events, a non-zero mask of EVENT_READ and EVENT_WRITE, and
// return its new key. An fd already registered (by any file object) is
// KeyError "<repr> (FD <fd>) is already registered"; bad events are
// ValueError "Invalid events: <events>" (checked first); a value that has
// no fd is ValueError "Invalid file object: <repr>"; a negative fd,
// ValueError "Invalid file descriptor: <fd>".
func (s *SelectSelector[D]) Register(fileobj any, events int, data ...D) (*SelectorKey[D], error) {
	return locked(&s.keys, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		return s.registerLocked("SelectSelector.register", f, events, data)
	})
}

func (s *SelectSelector[D]) registerLocked(method string, f fileobjRef, events int, data []D) (*SelectorKey[D], error) {
	key, err := s.keys.registerLocked(method, f, events, data)
	if err != nil {
		return nil, err
	}
	if s.readers == nil {
		s.readers, s.writers = map[int]struct{}{}, map[int]struct{}{}
	}
	if events&EVENT_READ != 0 {
		s.readers[key.Fd] = struct{}{}
	}
	if events&EVENT_WRITE != 0 {
		s.writers[key.Fd] = struct{}{}
	}
	return key, nil
}

// Unregister is unregister(fileobj): stop watching fileobj and return its
// key. A file object that has been closed since it was registered is
// found by identity (see Map). Not registered: KeyError "<repr> is not
// registered".
func (s *SelectSelector[D]) Unregister(fileobj any) (*SelectorKey[D], error) {
	return locked(&s.keys, refOf(fileobj), s.unregisterLocked)
}

func (s *SelectSelector[D]) unregisterLocked(f fileobjRef) (*SelectorKey[D], error) {
	key, err := s.keys.unregisterLocked(f)
	if err != nil {
		return nil, err
	}
	delete(s.readers, key.Fd)
	delete(s.writers, key.Fd)
	return key, nil
}

// Modify is modify(fileobj, events, data=None), _BaseSelectorImpl's: new
// events are an Unregister and a Register (so the key moves to the end of
// the Map, and bad events leave fileobj unregistered, as in Python); new
// data alone replaces the key in place.
func (s *SelectSelector[D]) Modify(fileobj any, events int, data ...D) (*SelectorKey[D], error) {
	return baseModify(&s.keys, fileobj, events, data, s.unregisterLocked, s.registerLocked)
}

// baseModify is _BaseSelectorImpl.modify, with the selector's own
// unregister and register.
func baseModify[D any](k *keys[D], fileobj any, events int, data []D,
	unregister func(fileobjRef) (*SelectorKey[D], error),
	register func(string, fileobjRef, int, []D) (*SelectorKey[D], error)) (*SelectorKey[D], error) {
	const method = "_BaseSelectorImpl.modify"
	if len(data) > 1 {
		return nil, tooManyArgs(method, len(data))
	}
	return locked(k, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		return baseModifyLocked(k, method, f, events, data, unregister, register)
	})
}

func baseModifyLocked[D any](k *keys[D], method string, f fileobjRef, events int, data []D,
	unregister func(fileobjRef) (*SelectorKey[D], error),
	register func(string, fileobjRef, int, []D) (*SelectorKey[D], error)) (*SelectorKey[D], error) {
	key, err := k.keyOfLocked(f)
	if err != nil {
		return nil, err
	}
	var d D
	if len(data) == 1 {
		d = data[0]
	}
	switch {
	case events != key.Events:
		if _, err := unregister(f); err != nil {
			return nil, err
		}
		return register(method, f, events, []D{d})
	case !equalData(d, key.Data):
		key = &SelectorKey[D]{Fileobj: key.Fileobj, Fd: key.Fd, Events: key.Events, Data: d}
		k.replaceLocked(key)
	}
	return key, nil
}

// Select is select(timeout=None): wait until some registered file objects
// are ready, or the timeout passes, and return a Ready for each, its
// Events those of EVENT_READ and EVENT_WRITE that are ready and were
// asked for. timeout is in seconds (nil blocks, 0 or less polls); an
// interrupted wait is resumed (PEP 475) and returns an
// empty list once its time is up.
//
// The result is in ascending fd order (Python's is its set's iteration
// order, which is ascending for small fds but not in general).
func (s *SelectSelector[D]) Select(timeout ...any) ([]Ready[D], error) {
	t, err := timeoutArg("SelectSelector.select", timeout)
	if err != nil {
		return nil, err
	}
	if t, err = maxZero(t); err != nil {
		return nil, err
	}
	s.mu.Lock()
	rl, wl := sortedSet(s.readers), sortedSet(s.writers)
	s.mu.Unlock()
	r, w, err := sysSelect(rl, wl, t)
	if err != nil {
		return interrupted[D](err)
	}
	ready := []Ready[D]{}
	if len(r)+len(w) == 0 {
		return ready, nil
	}
	fds := slices.Concat(r, w)
	slices.Sort(fds)
	fds = slices.Compact(fds)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fd := range fds {
		events := 0
		if _, ok := slices.BinarySearch(r, fd); ok {
			events |= EVENT_READ
		}
		if _, ok := slices.BinarySearch(w, fd); ok {
			events |= EVENT_WRITE
		}
		ready = s.readyLocked(ready, fd, events)
	}
	return ready, nil
}

// sortedSet is a set's fds in ascending order.
func sortedSet(set map[int]struct{}) []int {
	fds := make([]int, 0, len(set))
	for fd := range set {
		fds = append(fds, fd)
	}
	slices.Sort(fds)
	return fds
}

// Close is close(): forget every key. GetMap is None and GetKey
// RuntimeError afterwards; Register still works, as in Python. A Select
// running in another goroutine finishes its wait and reports nothing.
// As CPython's _BaseSelectorImpl.close, it leaves the fds Select watches
// (SelectSelector's _readers and _writers): a later Select still passes
// them to select(2), so one that is ready ends its wait with no Ready and
// one since closed fails it with EBADF, and Unregister cannot remove them
// (their keys are gone), as a PollSelector's poll object keeps its fds.
func (s *SelectSelector[D]) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closeLocked()
	return nil
}
