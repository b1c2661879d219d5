// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"runtime"
	"strconv"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/pyselect/pyselect/sys/builtins"
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
// the last of them returns, so its number is never reused under a call.
// Nothing Close does is visible in the epoll instance: a dup of it, or an
// epoll watching it, sees what CPython's would. An Epoll dropped without
// Close is closed when collected. The zero Epoll, and a nil *Epoll, are
// closed objects (conformance/SEMANTICS.md#close-protocol).
//
// Each Epoll holds one descriptor, the instance, as CPython's; a wait is
// one epoll_pwait(2), which Close interrupts with a signal to its thread.
//
// [select.epoll]: https://docs.python.org/3/library/select.html#edge-and-level-trigger-polling-epoll-objects
// [epoll(7)]: https://man7.org/linux/man-pages/man7/epoll.7.html
// [epoll_create1(2)]: https://man7.org/linux/man-pages/man2/epoll_create1.2.html
// [epoll_ctl(2)]: https://man7.org/linux/man-pages/man2/epoll_ctl.2.html
// [epoll_wait(2)]: https://man7.org/linux/man-pages/man2/epoll_wait.2.html
type Epoll struct {
	pfd pollFD
	buf scratch[unix.EpollEvent] // Poll's event array up to keptEvents, kept between calls
	big atomic.Pointer[eventMap] // a larger one, kept up to keptMapBytes (see events)
}

var _ Poller = (*Epoll)(nil)

// errClosedEpoll is what every call on a closed Epoll returns.
func errClosedEpoll() *builtins.Error {
	return builtins.ValueError.New("I/O operation on closed epoll object")
}

// epollOf is NewEpoll with both arguments given. The descriptor is made
// with epoll_create1(EPOLL_CLOEXEC), so it is not inherited across exec,
// whatever flags says. As CPython: sizehint must be -1 or positive (it is
// otherwise ignored), else ValueError "negative sizehint"; flags must be 0
// or EPOLL_CLOEXEC, else OSError "invalid flags" (with no errno).
func epollOf(sizehint, flags int) (*Epoll, error) {
	if err := cInt(sizehint); err != nil {
		return nil, err
	}
	if err := cInt(flags); err != nil {
		return nil, err
	}
	if sizehint != -1 && sizehint <= 0 {
		return nil, builtins.ValueError.New("negative sizehint")
	}
	if flags != 0 && flags != EPOLL_CLOEXEC {
		return nil, builtins.OSError.New("invalid flags")
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

// newEpoll is CPython's newPyEpoll_Object. The process's task directory
// is opened before the first instance, so that the instance gets the
// number CPython's would (see threads).
func newEpoll(fd int) (*Epoll, error) {
	threads.open()
	return openPollFD(fd, func() (int, error) { return unix.EpollCreate1(unix.EPOLL_CLOEXEC) }, (*Epoll).p)
}

// p is ep's pollFD, nil for a nil ep: every method goes through it, so
// that a nil *Epoll is a closed one.
func (ep *Epoll) p() *pollFD {
	if ep == nil {
		return nil
	}
	return &ep.pfd
}

// Close is epoll.close(): close the epoll descriptor. It may be called
// any number of times and never fails (CPython ignores close(2)'s error).
// Calls in flight are woken and return ValueError; the descriptor is
// closed by the last of them.
func (ep *Epoll) Close() error {
	ep.p().Close()
	if ep != nil {
		ep.big.Swap(nil).unmap()
	}
	return nil
}

// Closed is epoll.closed: whether Close has been called.
func (ep *Epoll) Closed() bool { return ep.p().closed() }

// Fileno is epoll.fileno(): the epoll descriptor, or ValueError once
// closed.
func (ep *Epoll) Fileno() (int, error) { return ep.p().fileno(errClosedEpoll) }

// Register is epoll.register(fd[, eventmask]): add fd to the interest
// list, by default for EPOLLIN|EPOLLPRI|EPOLLOUT. eventmask is a C
// unsigned int: Python's truncation of a larger or negative int is Go's
// uint32(x).
// As the kernel says (epoll_ctl(2)): an fd already registered is
// FileExistsError (EEXIST), a regular file PermissionError (EPERM), a
// closed fd OSError EBADF, EPOLLEXCLUSIVE with EPOLLONESHOT OSError EINVAL.
func (ep *Epoll) Register(fd any, eventmask ...Mask) error {
	if len(eventmask) > 1 {
		return builtins.TypeError.New("register() takes at most 2 arguments (" + strconv.Itoa(len(eventmask)+1) + " given)")
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
	p := ep.p()
	if !p.acquire() {
		return errClosedEpoll()
	}
	ev := unix.EpollEvent{Events: uint32(mask), Fd: int32(n)}
	err = unix.EpollCtl(p.fd(), op, n, &ev)
	p.release()
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
// the kernel's OSError (EINVAL, or EBADF for an fd not open where the
// kernel checks that first), never an attempt to allocate the array. maxevents is
// optional, as in Python: ep.Poll(nil) is ep.poll(), ep.Poll(1.5, 8) is
// ep.poll(1.5, 8).
// An interrupted wait is resumed with the time left, and returns an empty
// list once none is (PEP 475).
//
// The result is the one allocation of a call up to FD_SETSIZE events: the
// kernel's event array is kept in the Epoll between calls.
// See Wait for a call that allocates nothing.
func (ep *Epoll) Poll(timeout any, maxevents ...int) ([]Event, error) {
	if len(maxevents) > 1 {
		return nil, builtins.TypeError.New("poll() takes at most 2 arguments (" + strconv.Itoa(len(maxevents)+1) + " given)")
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
	p := ep.p()
	if !p.acquire() {
		return nil, errClosedEpoll()
	}
	defer p.release()
	d, err := epollTimeout(timeout)
	if err != nil {
		return nil, err
	}
	if maxevents == -1 {
		maxevents = FD_SETSIZE - 1
	} else if maxevents < 1 {
		return nil, builtins.ValueError.New("maxevents must be greater than 0, got " + strconv.Itoa(maxevents))
	} else if maxevents > epMaxEvents {
		// Allocating the array first could exhaust memory, which in Go
		// is fatal (CPython allocates it and raises MemoryError).
		return nil, sysErr(epollWaitRefused(p.fd(), maxevents))
	}

	buf, m, err := ep.events(maxevents)
	if err != nil {
		return nil, err
	}
	defer ep.putEvents(m)
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

// events is the array a Poll with maxevents gives the kernel, and the
// func that gives it back: room for every event maxevents allows, as
// CPython's PyMem_New(struct epoll_event, maxevents), so that every ready
// event up to maxevents comes back in one call.
//
// Up to keptEvents it is the Go array kept in the Epoll (12 KiB), so that
// a call allocates only its result. A larger one is an anonymous mmap(2)
// (eventMap): outside Go's heap, its pages touched only where the kernel
// writes an event, and where the address space is short (RLIMIT_AS) mmap
// fails with ENOMEM, which is CPython's MemoryError, instead of Go's fatal
// out-of-memory.
//
// CPython's malloc does the same: glibc serves an array above its
// M_MMAP_THRESHOLD (128 KiB at start) with mmap, and a free of such a
// chunk raises the threshold to its size (up to 32 MiB, mallopt(3)), so
// that the next array of that size comes from the heap: strace of
// python3 calling ep.poll(0, 100000) three times shows a 1.2 MB mmap and
// munmap around the first epoll_wait only. So the Epoll keeps its last
// mapping up to keptMapBytes for the next call, and a Poll with a steady
// large maxevents (a selector's, one per registration) is one system
// call, as CPython's; a larger mapping is unmapped after the call.
func (ep *Epoll) events(maxevents int) (buf []unix.EpollEvent, m *eventMap, err error) {
	if maxevents <= keptEvents {
		buf, mine := ep.buf.get(maxevents, keptEvents, newEpollEvents)
		if !mine {
			m = notKept
		}
		return buf, m, nil
	}
	size := maxevents * int(unsafe.Sizeof(unix.EpollEvent{}))
	m = ep.big.Swap(nil)
	if m == nil || len(m.b) < size {
		m.unmap()
		if m, err = mapEvents(size); err != nil {
			return nil, nil, err
		}
	}
	return unsafe.Slice((*unix.EpollEvent)(unsafe.Pointer(&m.b[0])), maxevents), m, nil
}

// putEvents gives back what events gave: the kept array (m nil), an
// array of the call's own (notKept), or a mapping, kept for the next call
// unless it is too large, the Epoll is closed, or another call kept one.
func (ep *Epoll) putEvents(m *eventMap) {
	switch {
	case m == nil:
		ep.buf.put(true)
	case m == notKept:
	case len(m.b) > keptMapBytes || ep.pfd.closed() || !ep.big.CompareAndSwap(nil, m):
		m.unmap()
	}
}

// notKept is the events of a call that made its own Go array because
// another call had the kept one.
var notKept = new(eventMap)

// keptMapBytes is the largest event mapping an Epoll keeps between calls
// (349,525 events).
const keptMapBytes = 4 << 20

// An eventMap is an anonymous mapping that holds an event array. One
// dropped without unmap is unmapped when collected.
type eventMap struct {
	b       []byte
	cleanup runtime.Cleanup
}

// mapEvents maps size bytes; ENOMEM is MemoryError.
func mapEvents(size int) (*eventMap, error) {
	b, err := unix.Mmap(-1, 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err == unix.ENOMEM {
		return nil, builtins.MemoryError.New("")
	}
	if err != nil {
		return nil, sysErr(err)
	}
	m := &eventMap{b: b}
	m.cleanup = runtime.AddCleanup(m, func(b []byte) { unix.Munmap(b) }, b)
	return m, nil
}

// unmap unmaps m now; a nil m is nothing.
func (m *eventMap) unmap() {
	if m != nil && m != notKept {
		m.cleanup.Stop()
		unix.Munmap(m.b)
	}
}

// epollWaitRefused is the error epoll_wait(2) gives fd with a maxevents
// above EP_MAX_EVENTS, which it refuses before it waits or writes an
// event: EINVAL, unless the kernel checks the fd first (Linux 6.18 does:
// EBADF for an fd not open), so the kernel is asked, with a one-event
// array, as CPython asks it with the whole array.
func epollWaitRefused(fd, maxevents int) error {
	var ev [1]unix.EpollEvent
	_, _, e := unix.Syscall6(unix.SYS_EPOLL_PWAIT, uintptr(fd), uintptr(unsafe.Pointer(&ev[0])), uintptr(maxevents), 0, 0, 0)
	if e == 0 {
		return unix.EINVAL // no kernel accepts it; never taken
	}
	return e
}

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
	p := ep.p()
	if !p.acquire() {
		return 0, errClosedEpoll()
	}
	defer p.release()
	return ep.wait(events, timeout)
}

// epollWaitSys is epoll_wait(2); tests replace it to count the calls.
var epollWaitSys = unix.EpollWait

// wait is epoll_wait(2) with the EINTR rule and the close protocol
// (pollFD.wait): one epoll_pwait with the timeout, rounded up to the
// millisecond; the caller holds a reference.
func (ep *Epoll) wait(events []unix.EpollEvent, timeout time.Duration) (int, error) {
	fd := ep.pfd.fd()
	n, err := ep.pfd.wait(timeout, func(d time.Duration) (int, error) {
		n, err := epollWaitSys(fd, events, msCeil(d))
		if err != nil {
			// epoll_wait(2) returns -1 on failure; a count is never negative.
			return 0, sysErr(err)
		}
		return n, nil
	})
	if err == errClosing {
		return 0, errClosedEpoll()
	}
	return n, err
}
