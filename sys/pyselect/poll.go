// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// An Event is one (fd, events) tuple of the list that Poll.Poll and
// Epoll.Poll return: the fd as registered, and the events that occurred.
type Event struct {
	Fd     int
	Events Mask
}

// A Poll is a select.poll object: a set of registered fds, each with an
// event mask, polled with poll(2).
//
//   - Python: [select.poll]
//   - Kernel: [poll(2)]
//
// Registration changes may come from any goroutine, also while another is
// inside Poll; they take effect at the next Poll, as in CPython. A second
// Poll while one is running is RuntimeError "concurrent poll() invocation".
// A Poll holds no descriptor of its own and has nothing to close. The
// zero Poll is an empty poll object, as NewPoll returns (Python forbids
// instantiating the type directly; Go cannot forbid a zero value). A nil
// *Poll is Python's None: its methods return AttributeError.
//
// [select.poll]: https://docs.python.org/3/library/select.html#poll-objects
// [poll(2)]: https://man7.org/linux/man-pages/man2/poll.2.html
type Poll struct {
	polling atomic.Bool // a Poll call is running (CPython's poll_running)

	mu    sync.Mutex
	fds   []unix.PollFd // registered fds in Python's dict insertion order, and holes (Fd -1)
	index map[int32]int // fd -> its position in fds
	holes int           // unregistered entries left in fds
	dirty bool          // fds changed since buf was copied from it

	buf []unix.PollFd // the array the running Poll passes to the kernel
}

// msMaxWait is the longest timeout poll(2) and epoll_wait(2) take: an int
// of milliseconds.
const msMaxWait = math.MaxInt32 * time.Millisecond

// errConcurrentPoll is CPython's answer to a second Poll while one runs.
func errConcurrentPoll() *builtins.Error {
	return builtins.RuntimeError.New("concurrent poll() invocation")
}

// NewPoll is select.poll(): a new, empty poll object.
func NewPoll() *Poll { return &Poll{index: make(map[int32]int)} }

// Register is poll.register(fd[, eventmask]): watch fd for the events in
// eventmask, by default POLLIN|POLLPRI|POLLOUT. POLLERR, POLLHUP and
// POLLNVAL are reported whether asked for or not (poll(2)). Registering an
// fd again replaces its mask and keeps its place. The fd is not checked: a
// closed one is reported as POLLNVAL.
//
// eventmask is a C unsigned short: negative is ValueError "value must be
// positive", above 65535 OverflowError, as CPython.
func (p *Poll) Register(fd any, eventmask ...Mask) error {
	if p == nil {
		return errNilPoll("register")
	}
	mask, err := pollRegisterMask(eventmask)
	if err != nil {
		return err
	}
	return p.set(fd, mask, false)
}

// Modify is poll.modify(fd, eventmask): change the mask of a registered
// fd. An fd that is not registered is FileNotFoundError (ENOENT).
func (p *Poll) Modify(fd any, eventmask Mask) error {
	if p == nil {
		return errNilPoll("modify")
	}
	return p.set(fd, eventmask, true)
}

// errNilPoll is what a method of a nil *Poll returns: a nil *Poll is
// Python's None, so p.register(fd) is AttributeError "'NoneType' object
// has no attribute 'register'" (a nil *Epoll is a closed epoll object,
// but a Poll has no closed state).
func errNilPoll(method string) *builtins.Error { return noAttribute("NoneType", method) }

func (p *Poll) set(fd any, eventmask Mask, mustExist bool) error {
	n, err := fdOf(fd)
	if err != nil {
		return err
	}
	ev, err := ushort(eventmask)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.index == nil { // the zero Poll
		p.index = make(map[int32]int)
	}
	i, ok := p.index[int32(n)]
	switch {
	case ok:
		setEvents(&p.fds[i].Events, ev)
	case mustExist:
		return builtins.AsError(unix.ENOENT)
	default:
		p.index[int32(n)] = len(p.fds)
		pfd := unix.PollFd{Fd: int32(n)}
		setEvents(&pfd.Events, ev)
		p.fds = append(p.fds, pfd)
	}
	p.dirty = true
	return nil
}

// ushort is CPython's _PyLong_UnsignedShort_Converter.
func ushort(v Mask) (uint16, error) {
	switch {
	case v < 0:
		return 0, builtins.ValueError.New("value must be positive")
	case v > 0xffff:
		return 0, builtins.OverflowError.New("Python int too large for C unsigned short")
	}
	return uint16(v), nil
}

// setEvents stores a mask in a pollfd's events field: a C short, which
// x/sys declares int16, or uint16 on AIX (whose POLLNVAL is 0x8000).
func setEvents[T int16 | uint16](events *T, mask uint16) { *events = T(mask) }

// Unregister is poll.unregister(fd). An fd that is not registered is
// KeyError, whose message is the fd.
func (p *Poll) Unregister(fd any) error {
	if p == nil {
		return errNilPoll("unregister")
	}
	n, err := fdOf(fd)
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	i, ok := p.index[int32(n)]
	if !ok {
		return builtins.KeyError.New(strconv.Itoa(n))
	}
	delete(p.index, int32(n))
	p.fds[i].Fd = -1
	if p.holes++; p.holes > len(p.fds)/2 {
		p.compact()
	}
	p.dirty = true
	return nil
}

// compact removes the holes Unregister leaves in fds, keeping the order.
// Unregister leaves a hole rather than shifting what follows, so that it
// costs O(1); compact runs once holes are half of fds, so its cost is
// spread over the Unregister calls that made them, as a Python dict's
// deletions are. Past pollKept entries it moves the live ones to a new
// array and index of their own size: a Go map never gives back the room
// of deleted keys, and a Poll holds memory for what is registered, not
// for the most it ever held.
func (p *Poll) compact() {
	live := p.fds[:0]
	if len(p.fds) > pollKept {
		live = make([]unix.PollFd, 0, len(p.fds)-p.holes)
		p.index = make(map[int32]int, cap(live))
	}
	for _, pfd := range p.fds {
		if pfd.Fd >= 0 {
			p.index[pfd.Fd] = len(live)
			live = append(live, pfd)
		}
	}
	clear(p.fds[len(live):])
	p.fds, p.holes = live, 0
}

// pollKept is the number of entries a Poll's arrays may keep room for
// beyond what is registered: up to it, an fd registered and unregistered
// again and again reuses the room, allocating nothing.
const pollKept = 1024

// Poll is poll.poll([timeout]): wait until a registered fd has an event,
// and return an Event for each fd with any, in registration order.
//
// timeout is in milliseconds: left out, nil (None) or any negative value
// blocks, 0 polls; a time.Duration is that duration. It is rounded up to the
// millisecond. A number outside a C int is OverflowError "timeout is too
// large". An interrupted wait is resumed
// with the time left and returns an empty list once none is (PEP 475).
//
// timeout is optional, as in Python: p.Poll() is p.poll(), and a second
// argument is Python's TypeError "poll expected at most 1 argument, got
// 2".
func (p *Poll) Poll(timeout ...any) ([]Event, error) {
	if p == nil {
		return nil, errNilPoll("poll")
	}
	t, err := optional(timeout, 0, atMost("poll", 1))
	if err != nil {
		return nil, err
	}
	d, err := pollTimeout(t)
	if err != nil {
		return nil, err
	}
	if !p.polling.CompareAndSwap(false, true) {
		return nil, errConcurrentPoll()
	}
	defer p.polling.Store(false)

	p.mu.Lock()
	if p.dirty {
		if live := len(p.fds) - p.holes; cap(p.buf) > max(2*live, pollKept) {
			p.buf = make([]unix.PollFd, 0, live) // as CPython resizes ufds to the dict
		}
		p.buf = p.buf[:0]
		for _, pfd := range p.fds {
			if pfd.Fd >= 0 {
				p.buf = append(p.buf, pfd)
			}
		}
		p.dirty = false
	}
	buf := p.buf
	p.mu.Unlock()

	n, err := wait(d, msMaxWait, func(d time.Duration) (int, error) {
		n, err := sysPoll(buf, msCeil(d))
		return n, sysErr(err)
	})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return []Event{}, nil
	}
	res := make([]Event, 0, n)
	for _, pfd := range buf {
		if pfd.Revents != 0 {
			res = append(res, Event{Fd: int(pfd.Fd), Events: Mask(uint16(pfd.Revents))})
		}
	}
	return res, nil
}
