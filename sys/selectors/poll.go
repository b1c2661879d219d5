// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package selectors

import (
	"errors"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// pollLike is _PollLikeSelector, what PollSelector, EpollSelector and
// DevpollSelector share: a select module object to register fds with,
// and the masks EVENT_READ and EVENT_WRITE stand for.
type pollLike[D any] struct {
	keys[D]
	poller          registrar
	evRead, evWrite pyselect.Mask
}

// A registrar is what _PollLikeSelector asks of its select module
// object besides the wait, which each class calls in its own unit: a
// pyselect.Poll, Epoll or Devpoll.
type registrar interface {
	Register(fd any, eventmask ...pyselect.Mask) error
	Modify(fd any, eventmask pyselect.Mask) error
	Unregister(fd any) error
}

// mask is the poller's mask for selector events.
func (p *pollLike[D]) mask(events int) pyselect.Mask {
	var m pyselect.Mask
	if events&EVENT_READ != 0 {
		m |= p.evRead
	}
	if events&EVENT_WRITE != 0 {
		m |= p.evWrite
	}
	return m
}

// Register is register(fileobj, events, data=None) (see
// SelectSelector.Register), which also registers the fd with the poller:
// if that fails (a closed fd for epoll: OSError EBADF; a regular file:
// PermissionError EPERM), the key is removed again and the error
// returned.
func (p *pollLike[D]) Register(fileobj any, events int, data ...D) (*SelectorKey[D], error) {
	return locked(&p.keys, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		key, err := p.registerLocked("_PollLikeSelector.register", f, events, data)
		if err != nil {
			return nil, err
		}
		if err := p.poller.Register(key.Fd, p.mask(events)); err != nil {
			p.popLocked(key.Fd)
			return nil, err
		}
		return key, nil
	})
}

// Unregister is unregister(fileobj) (see SelectSelector.Unregister),
// which also unregisters the fd from the poller, ignoring an OSError
// (the fd was closed since it was registered, which for epoll has
// removed it already); any other error is returned, the key removed.
func (p *pollLike[D]) Unregister(fileobj any) (*SelectorKey[D], error) {
	return locked(&p.keys, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		key, err := p.unregisterLocked(f)
		if err != nil {
			return nil, err
		}
		if err := p.poller.Unregister(key.Fd); err != nil && !errors.Is(err, builtins.OSError) {
			return nil, err
		}
		return key, nil
	})
}

// Modify is modify(fileobj, events, data=None), _PollLikeSelector's: new
// events are modified in the poller, and if that fails the key is
// removed and the error returned (bpo-30014); new events or data replace
// the key in place. events is not checked, as in Python: Modify with 0
// leaves the fd registered with no events.
func (p *pollLike[D]) Modify(fileobj any, events int, data ...D) (*SelectorKey[D], error) {
	if len(data) > 1 {
		return nil, tooManyArgs("_PollLikeSelector.modify", len(data))
	}
	return locked(&p.keys, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		return p.modifyLocked(f, events, data)
	})
}

func (p *pollLike[D]) modifyLocked(f fileobjRef, events int, data []D) (*SelectorKey[D], error) {
	key, err := p.keyOfLocked(f)
	if err != nil {
		return nil, err
	}
	var d D
	if len(data) == 1 {
		d = data[0]
	}
	changed := false
	if events != key.Events {
		if err := p.poller.Modify(key.Fd, p.mask(events)); err != nil {
			p.unregisterLocked(f)
			return nil, err
		}
		changed = true
	}
	if !equalData(d, key.Data) {
		changed = true
	}
	if changed {
		key = &SelectorKey[D]{Fileobj: key.Fileobj, Fd: key.Fd, Events: events, Data: d}
		p.replaceLocked(key)
	}
	return key, nil
}

// events is the mapping of _PollLikeSelector.select: any bit but the read
// mask's means writable, any bit but the write mask's readable, so that
// an error or hang-up reports both.
func (p *pollLike[D]) events(ev pyselect.Mask) int {
	events := 0
	if ev&^p.evRead != 0 {
		events |= EVENT_WRITE
	}
	if ev&^p.evWrite != 0 {
		events |= EVENT_READ
	}
	return events
}

// ready turns the poller's events into Select's result, dropping those of
// fds no longer registered.
func (p *pollLike[D]) ready(evs []pyselect.Event, err error) ([]Ready[D], error) {
	if err != nil {
		return interrupted[D](err)
	}
	ready := make([]Ready[D], 0, len(evs))
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, ev := range evs {
		ready = p.readyLocked(ready, ev.Fd, p.events(ev.Events))
	}
	return ready, nil
}

// A PollSelector is selectors.PollSelector: a selector on select.poll
// (pyselect.Poll).
//
// It holds no descriptor: Close only forgets the keys, and the poll
// object keeps its fds, as in Python (a Select after Close still waits
// on them, and reports nothing). A second Select while one is running is
// RuntimeError "concurrent poll() invocation", from the poll object.
type PollSelector[D any] struct {
	pollLike[D]
	poll *pyselect.Poll
}

var _ BaseSelector[any] = (*PollSelector[any])(nil)

// NewPollSelector is selectors.PollSelector(). It cannot fail, but has
// the shape of every selector constructor, so that a class is a value
// ("_PopenSelector = selectors.PollSelector" is "popenSelector :=
// selectors.NewPollSelector[any]" on the OSes that have it).
func NewPollSelector[D any]() (BaseSelector[D], error) {
	po := pyselect.NewPoll()
	return &PollSelector[D]{pollLike[D]{poller: po, evRead: pyselect.POLLIN, evWrite: pyselect.POLLOUT}, po}, nil
}

// Select is select(timeout=None) (see SelectSelector.Select): timeout in
// seconds is rounded up to the millisecond (math.ceil(timeout * 1e3)),
// and 0 or less polls. The result is in poll's order, which is
// registration order.
func (p *PollSelector[D]) Select(timeout ...any) ([]Ready[D], error) {
	return p.selectMs(p.poll.Poll, timeout)
}

// selectMs is _PollLikeSelector.select: the select module object's poll,
// in milliseconds.
func (p *pollLike[D]) selectMs(poll func(...any) ([]pyselect.Event, error), timeout []any) ([]Ready[D], error) {
	t, err := timeoutArg("_PollLikeSelector.select", timeout)
	if err != nil {
		return nil, err
	}
	if t, err = ceilMs(t); err != nil {
		return nil, err
	}
	if ms, ok := t.(float64); ok {
		t = pollInt(ms)
	}
	return p.ready(poll(t))
}

// Close is close(): forget every key (see SelectSelector.Close).
func (p *PollSelector[D]) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closeLocked()
	return nil
}
