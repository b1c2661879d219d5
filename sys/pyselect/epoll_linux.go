// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"strconv"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// An Epoll is a select.epoll object: an epoll instance, Linux's
// edge- and level-triggered readiness interface.
//
//   - Python: [select.epoll]
//   - Kernel: [epoll(7)], [epoll_create1(2)], [epoll_ctl(2)], [epoll_wait(2)]
//
// An Epoll may be used from many goroutines at once: registration changes
// while another goroutine waits in Poll are seen by that wait, as the
// kernel makes them. Close while calls are in flight marks the object
// closed at once and wakes those calls, which return ValueError "I/O
// operation on closed epoll object"; the descriptor itself is closed when
// the last of them returns, so its number is never reused under a call
// (see fdRef).
//
// [select.epoll]: https://docs.python.org/3/library/select.html#edge-and-level-trigger-polling-epoll-objects
// [epoll(7)]: https://man7.org/linux/man-pages/man7/epoll.7.html
// [epoll_create1(2)]: https://man7.org/linux/man-pages/man2/epoll_create1.2.html
// [epoll_ctl(2)]: https://man7.org/linux/man-pages/man2/epoll_ctl.2.html
// [epoll_wait(2)]: https://man7.org/linux/man-pages/man2/epoll_wait.2.html
type Epoll struct {
	ref  fdRef
	wake int // an eventfd Close registers to wake calls in flight; -1 if none

	buf scratch[unix.EpollEvent] // Poll's event array, kept between calls
}

var _ Poller = (*Epoll)(nil)

// errClosedEpoll is what every call on a closed Epoll returns.
func errClosedEpoll() *Error { return newError(ValueError, "I/O operation on closed epoll object") }

// NewEpoll is select.epoll(sizehint=-1, flags=0). The descriptor is made
// with epoll_create1(EPOLL_CLOEXEC), so it is not inherited across exec,
// whatever flags says. As CPython: sizehint must be -1 or positive (it is
// otherwise ignored), else ValueError "negative sizehint"; flags must be 0
// or EPOLL_CLOEXEC, else OSError "invalid flags" (with no errno).
func NewEpoll(sizehint, flags int) (*Epoll, error) {
	if err := cInt(sizehint); err != nil {
		return nil, err
	}
	if err := cInt(flags); err != nil {
		return nil, err
	}
	if sizehint != -1 && sizehint <= 0 {
		return nil, newError(ValueError, "negative sizehint")
	}
	if flags != 0 && flags != EPOLL_CLOEXEC {
		return nil, newError(OSError, "invalid flags")
	}
	return newEpoll(-1)
}

// EpollFromFd is select.epoll.fromfd(fd): an Epoll that owns fd, an epoll
// descriptor made elsewhere. fd is not checked (an fd that is no epoll
// instance fails at the first call). Quirks kept from CPython: -1 makes a
// new epoll instance, and any other negative fd is OSError "[Errno 0]
// Error".
func EpollFromFd(fd int) (*Epoll, error) {
	if err := cInt(fd); err != nil {
		return nil, err
	}
	return newEpoll(fd)
}

// newEpoll is CPython's newPyEpoll_Object.
func newEpoll(fd int) (*Epoll, error) {
	if fd == -1 {
		var err error
		if fd, err = unix.EpollCreate1(unix.EPOLL_CLOEXEC); err != nil {
			return nil, sysErr(err)
		}
	} else if fd < 0 {
		return nil, osError(0)
	}
	ep := &Epoll{wake: -1}
	ep.ref.fd = fd
	return ep, nil
}

// Close is epoll.close(): close the epoll descriptor. It may be called
// any number of times and never fails (CPython ignores close(2)'s error).
// Calls in flight are woken and return ValueError; the descriptor is
// closed by the last of them.
func (ep *Epoll) Close() error {
	first, busy := ep.ref.close()
	if !first {
		return nil
	}
	if busy {
		ep.wakeAll()
	}
	ep.release()
	return nil
}

// wakeAll makes every epoll_wait on ep return: it registers an eventfd
// that is already readable. Level-triggered, it wakes every waiter, and
// each sees the object closed. If no eventfd can be had (EMFILE), waiters
// return at their next event or timeout, still before the fd is closed.
func (ep *Epoll) wakeAll() {
	efd, err := unix.Eventfd(1, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return
	}
	ev := unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(efd)}
	if unix.EpollCtl(ep.ref.fd, unix.EPOLL_CTL_ADD, efd, &ev) != nil {
		unix.Close(efd)
		return
	}
	ep.wake = efd
}

// release drops a call's reference and closes the descriptors after the
// last call of a closed Epoll.
func (ep *Epoll) release() {
	if ep.ref.release() {
		unix.Close(ep.ref.fd)
		if ep.wake >= 0 {
			unix.Close(ep.wake)
		}
	}
}

// Closed is epoll.closed: whether Close has been called.
func (ep *Epoll) Closed() bool { return ep.ref.closed() }

// Fileno is epoll.fileno(): the epoll descriptor, or ValueError once
// closed.
func (ep *Epoll) Fileno() (int, error) {
	if ep.ref.closed() {
		return -1, errClosedEpoll()
	}
	return ep.ref.fd, nil
}

// Register is epoll.register(fd[, eventmask]): add fd to the interest
// list, by default for EPOLLIN|EPOLLPRI|EPOLLOUT. eventmask is a C
// unsigned int: Python's truncation of a larger or negative int is Go's
// uint32(x).
// As the kernel says (epoll_ctl(2)): an fd already registered is
// FileExistsError (EEXIST), a regular file PermissionError (EPERM), a
// closed fd OSError EBADF, EPOLLEXCLUSIVE with EPOLLONESHOT OSError EINVAL.
func (ep *Epoll) Register(fd any, eventmask ...Mask) error {
	if len(eventmask) > 1 {
		return newError(TypeError, "register() takes at most 2 arguments ("+strconv.Itoa(len(eventmask)+1)+" given)")
	}
	mask := EPOLLIN | EPOLLPRI | EPOLLOUT
	if len(eventmask) == 1 {
		mask = eventmask[0]
	}
	return ep.ctl(unix.EPOLL_CTL_ADD, fd, mask)
}

// Modify is epoll.modify(fd, eventmask): change a registered fd's mask.
// An fd not registered is FileNotFoundError (ENOENT); EPOLLEXCLUSIVE may
// not be modified (EINVAL, epoll_ctl(2)). Modify re-arms an fd that
// EPOLLONESHOT disabled.
func (ep *Epoll) Modify(fd any, eventmask Mask) error {
	return ep.ctl(unix.EPOLL_CTL_MOD, fd, eventmask)
}

// Unregister is epoll.unregister(fd): remove fd from the interest list.
// An fd not registered is FileNotFoundError (ENOENT); an fd already closed
// is OSError EBADF (since Python 3.9): closing an fd removes it from every
// epoll set by itself, unless a dup keeps its open file alive (epoll(7)).
func (ep *Epoll) Unregister(fd any) error {
	return ep.ctl(unix.EPOLL_CTL_DEL, fd, 0)
}

func (ep *Epoll) ctl(op int, fd any, mask Mask) error {
	n, err := fdOf(fd)
	if err != nil {
		return err
	}
	if !ep.ref.acquire() {
		return errClosedEpoll()
	}
	ev := unix.EpollEvent{Events: uint32(mask), Fd: int32(n)}
	err = unix.EpollCtl(ep.ref.fd, op, n, &ev)
	ep.release()
	return sysErr(err)
}

// Poll is epoll.poll(timeout=None, maxevents=-1): wait for events and
// return them as (fd, events) pairs, in the kernel's ready-list order
// (not sorted; with maxevents smaller than the ready count, successive
// calls go round the ready fds).
//
// timeout is in seconds, rounded up to the millisecond: nil (None) or
// -0.001 and below block, values in (-0.001, 0] poll (CPython's
// ROUND_CEILING); outside a C int of milliseconds it is OverflowError.
// maxevents -1 means FD_SETSIZE-1 (1023), as CPython; below 1 it is
// ValueError; above the kernel's EP_MAX_EVENTS (178956970 on amd64) it is
// OSError EINVAL, never an attempt to allocate the array. maxevents is
// optional, as in Python: ep.Poll(nil) is ep.poll(), ep.Poll(1.5, 8) is
// ep.poll(1.5, 8).
// An interrupted wait is resumed with the time left, and returns an empty
// list once none is (PEP 475).
//
// The result is the one allocation of a call; the kernel's event array is
// kept in the Epoll between calls. See Wait for a call that allocates
// nothing.
func (ep *Epoll) Poll(timeout any, maxevents ...int) ([]Event, error) {
	if len(maxevents) > 1 {
		return nil, newError(TypeError, "poll() takes at most 2 arguments ("+strconv.Itoa(len(maxevents)+1)+" given)")
	}
	n := -1
	if len(maxevents) == 1 {
		n = maxevents[0]
	}
	return ep.poll(timeout, n)
}

// poll is Poll with its maxevents argument given.
func (ep *Epoll) poll(timeout any, maxevents int) ([]Event, error) {
	if err := cInt(maxevents); err != nil {
		return nil, err
	}
	if !ep.ref.acquire() {
		return nil, errClosedEpoll()
	}
	defer ep.release()
	d, err := epollTimeout(timeout)
	if err != nil {
		return nil, err
	}
	if maxevents == -1 {
		maxevents = FD_SETSIZE - 1
	} else if maxevents < 1 {
		return nil, newError(ValueError, "maxevents must be greater than 0, got "+strconv.Itoa(maxevents))
	} else if maxevents > epMaxEvents {
		// epoll_wait(2) fails with EINVAL before it looks at the array;
		// allocating it first could exhaust memory, which in Go is fatal.
		return nil, osError(unix.EINVAL)
	}

	buf, mine := ep.buf.get(maxevents, newEpollEvents)
	defer ep.buf.put(mine)
	n, err := ep.wait(buf, d)
	if err != nil {
		return nil, err
	}
	res := make([]Event, n)
	for i, ev := range buf[:n] {
		res[i] = Event{Fd: int(ev.Fd), Events: Mask(ev.Events)}
	}
	return res, nil
}

func newEpollEvents(n int) []unix.EpollEvent { return make([]unix.EpollEvent, n) }

// epMaxEvents is the kernel's EP_MAX_EVENTS, the largest maxevents
// epoll_wait(2) accepts: INT_MAX / sizeof(struct epoll_event). CPython
// allocates its array first and gets EINVAL from the kernel above it (or
// MemoryError when malloc fails first, as for 2**31-1 on most machines).
const epMaxEvents = math.MaxInt32 / int(unsafe.Sizeof(unix.EpollEvent{}))

// Wait is the Go-shaped Poll: it waits for events into the caller's
// array, as epoll_wait(2) does, and returns how many it stored. It
// allocates nothing. timeout < 0 blocks; otherwise it is rounded up to
// the millisecond. Like Poll, it retries EINTR with the time left and
// returns 0 once none is; on a closed Epoll it returns ValueError. An
// empty events is OSError EINVAL, as from the kernel.
func (ep *Epoll) Wait(events []unix.EpollEvent, timeout time.Duration) (int, error) {
	if !ep.ref.acquire() {
		return 0, errClosedEpoll()
	}
	defer ep.release()
	return ep.wait(events, timeout)
}

// wait is epoll_wait(2) with the EINTR rule; the caller holds a reference.
func (ep *Epoll) wait(events []unix.EpollEvent, timeout time.Duration) (int, error) {
	n, err := wait(timeout, msMaxWait, func(d time.Duration) (int, error) {
		n, err := unix.EpollWait(ep.ref.fd, events, msCeil(d))
		if ep.ref.closed() {
			// Woken by Close (or closed while waiting): report that,
			// not the wake-up event.
			return 0, errClosedEpoll()
		}
		if err != nil {
			// epoll_wait(2) returns -1 on failure; a count is never negative.
			return 0, sysErr(err)
		}
		return n, nil
	})
	return n, err
}
