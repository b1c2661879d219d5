// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"math"
	"strconv"
	"syscall"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// A Kqueue is a select.kqueue object: a kernel event queue of macOS and
// the BSDs, to which a changelist of Kevents registers filters and from
// which Control collects the events they report.
//
//   - Python: [select.kqueue]
//   - Kernel: [kqueue(2)] (kqueue, kevent, EV_SET)
//
// A Kqueue may be used from many goroutines at once. Close while calls
// are in flight marks the object closed at once and wakes those calls,
// which return ValueError "I/O operation on closed kqueue object"; the
// descriptor itself is closed when the last of them returns, so its
// number is never reused under a call. Nothing Close does is visible in
// the queue: a dup of its descriptor, or a kqueue watching it, sees what
// CPython's would. A Kqueue dropped without Close is closed when
// collected. The zero Kqueue, and a nil *Kqueue, are closed objects
// (conformance/SEMANTICS.md#close-protocol).
//
// Each Kqueue holds one descriptor, the queue, as CPython's, and a wait is
// one kevent(2) with the caller's timeout; Close wakes blocked calls with
// a signal to their threads (see the package doc, Goroutines). On DragonFly a Kqueue holds a
// private kqueue beside the queue for Close to wake them: two descriptors.
//
// Differences from Python: CPython 3.12.1 and later invalidate every
// kqueue object in the child after fork(2) (gh-110395); a Go program
// cannot fork without exec, and the descriptor is close-on-exec, so no
// child ever holds it.
//
// [select.kqueue]: https://docs.python.org/3/library/select.html#kqueue-objects
// [kqueue(2)]: https://man.freebsd.org/cgi/man.cgi?query=kqueue&sektion=2
type Kqueue struct {
	pfd pollFD
	buf scratch[unix.Kevent_t] // Control's changelist and eventlist, kept between calls
}

// errClosedKqueue is the ValueError of every call on a closed Kqueue.
func errClosedKqueue() *builtins.Error {
	return builtins.ValueError.New("I/O operation on closed kqueue object")
}

// NewKqueue is select.kqueue(): a new kernel event queue. Its descriptor
// is close-on-exec (CPython makes it non-inheritable).
// kqueue(2): "The queue is not inherited by a
// child created with fork(2)."
func NewKqueue() (*Kqueue, error) { return newKqueue(-1) }

// KqueueFromFd is select.kqueue.fromfd(fd): a Kqueue that owns fd, a
// kqueue descriptor made elsewhere. fd is not checked (an fd that is no
// kqueue fails at the first Control), nor made close-on-exec. Quirks kept
// from CPython: -1 makes a new kqueue, and any other negative fd is
// OSError "[Errno 0] Error".
func KqueueFromFd(fd int) (*Kqueue, error) {
	if err := cInt(fd); err != nil {
		return nil, err
	}
	return newKqueue(fd)
}

// kqueueFd is kqueue(2) with FD_CLOEXEC. kqueue(2) takes no flags on most
// BSDs, so FD_CLOEXEC is set right after, under syscall.ForkLock as Go's
// own syscall package does, so that no exec in between can inherit it.
func kqueueFd() (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := unix.Kqueue()
	if err == nil {
		unix.CloseOnExec(fd)
	}
	return fd, err
}

// newKqueue is CPython's newKqueue_Object.
func newKqueue(fd int) (*Kqueue, error) {
	return openPollFD(fd, kqueueFd, (*Kqueue).p)
}

// p is kq's pollFD, nil for a nil kq: every method goes through it, so
// that a nil *Kqueue is a closed one.
func (kq *Kqueue) p() *pollFD {
	if kq == nil {
		return nil
	}
	return &kq.pfd
}

// Close is kqueue.close(): close the kqueue descriptor, which drops every
// filter registered in it. It may be called any number of times and never
// fails. Calls in flight are woken and return ValueError; the descriptor
// is closed by the last of them.
func (kq *Kqueue) Close() error {
	kq.p().Close()
	return nil
}

// Closed is kqueue.closed: whether Close has been called.
func (kq *Kqueue) Closed() bool { return kq.p().closed() }

// Fileno is kqueue.fileno(): the kqueue descriptor, or ValueError once
// closed.
func (kq *Kqueue) Fileno() (int, error) { return kq.p().fileno(errClosedKqueue) }

// Control is kqueue.control(changelist, max_events[, timeout]): one
// kevent(2) call. It applies changelist (nil is None: no changes), then
// waits up to timeout for at most maxevents events, and returns them as
// new Kevents, in the kernel's order.
//
// timeout is optional, as in Python: none given is None. It is in
// seconds: nil (None) blocks, 0 polls, a value below zero
// is ValueError "timeout must be positive or None", and any value CPython
// cannot convert (a wrong type, NaN, infinity, overflow) is TypeError
// "timeout argument must be a number or None, got float". With maxevents
// 0 the kernel applies the changes and returns at once, whatever timeout
// says. A negative maxevents is ValueError "Length of eventlist must be 0
// or positive, got -1".
//
// A change the kernel refuses does not fail the call while the eventlist
// has room: kqueue(2) says "If an error occurs while processing an
// element of the changelist and there is enough room in the eventlist,
// then the event will be placed in the eventlist with EV_ERROR set in
// flags and the system error in data." With no room (maxevents 0) the
// call fails with that errno as OSError, e.g. EBADF for a closed fd,
// ENOENT for deleting a filter never added.
//
// An interrupted wait is resumed with the time left, and returns an empty
// list once none is (PEP 475), but only the first try submits
// changelist: the kernel applied all of it before it began to wait.
//
// Differences from Python: CPython resubmits the changelist after EINTR,
// applying it twice. The kernel is given at most 65536
// event slots whatever maxevents says (more events are returned by the
// next call, as with any smaller maxevents), where CPython would fail
// with MemoryError allocating 2**31 slots. A wait longer than 1e6 s is
// made of several kevent calls, since macOS refuses long timeouts with
// EINVAL (Go's runtime/netpoll_kqueue.go caps them the same way).
func (kq *Kqueue) Control(changelist []Kevent, maxevents int, timeout ...any) ([]Kevent, error) {
	if err := cInt(maxevents); err != nil {
		return nil, err
	}
	p := kq.p()
	if !p.acquire() {
		return nil, errClosedKqueue()
	}
	defer p.release()
	if maxevents < 0 {
		return nil, builtins.ValueError.New("Length of eventlist must be 0 or positive, got " + strconv.Itoa(maxevents))
	}
	if len(timeout) > 1 {
		return nil, builtins.TypeError.New("control expected at most 3 arguments, got " + strconv.Itoa(len(timeout)+2))
	}
	var t any
	if len(timeout) == 1 {
		t = timeout[0]
	}
	d, err := kqueueTimeout(t, sysABI.time32)
	if err != nil {
		return nil, err
	}
	if len(changelist) > math.MaxInt32 {
		return nil, builtins.OverflowError.New("changelist is too long")
	}
	buf, mine := kq.buf.get(len(changelist)+min(maxevents, maxEventSlots), 2*keptEvents, keventBuf)
	defer kq.buf.put(mine)
	changes, events := buf[:len(changelist)], buf[len(changelist):]
	clear(changes) // a kept array holds the last call's events (FreeBSD's Ext too)
	for i, k := range changelist {
		k.toSys(&changes[i])
	}
	n, err := kq.kevent(changes, events, d)
	if err != nil {
		return nil, err
	}
	res := make([]Kevent, n)
	for i := range res {
		res[i] = keventOf(&events[i])
	}
	return res, nil
}

// maxEventSlots is the most events one Control asks for.
const maxEventSlots = 1 << 16

// keventSys is kevent(2) on the queue; tests replace it to interrupt a call.
var keventSys = unix.Kevent

// kevent is kevent(2) with the EINTR rule and the close protocol's way of
// blocking (pollFD.wait); the caller holds a reference. Only the first try
// submits changes (submitOnce). With no room for events the kernel applies
// the changes and returns at once, whatever the timeout, so no wait
// follows. Each try is given its timeout by the waker's wait: the time
// left where Close signals the waiters, 0 where it waits elsewhere.
func (kq *Kqueue) kevent(changes, events []unix.Kevent_t, d time.Duration) (int, error) {
	if len(events) == 0 {
		d = 0
	}
	fd := kq.pfd.fd()
	var ts unix.Timespec
	try := submitOnce(changes, func(changes []unix.Kevent_t, d time.Duration) (int, error) {
		tp := &ts
		if d < 0 {
			tp = nil // block
		} else {
			ts = unix.NsecToTimespec(int64(d))
		}
		n, err := keventSys(fd, changes, events, tp)
		return n, sysErr(err)
	})
	n, err := kq.pfd.wait(d, try)
	if err == errClosing {
		return 0, errClosedKqueue()
	}
	return n, err
}
