// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"github.com/pyselect/pyselect/sys/builtins"
	"golang.org/x/sys/unix"
)

// A Devpoll is a select.devpoll object: an open /dev/poll, the illumos
// and Solaris interface that keeps the set of polled fds in the kernel.
// (Go's solaris build tag also holds on illumos.)
//
//   - Python: [select.devpoll]
//   - Kernel: Solaris [poll(7D)], illumos [poll(4D)]
//
// As CPython's, a Devpoll buffers registration changes and writes them to
// /dev/poll (write(2) of an array of pollfd) when its buffer is full or
// when Poll is called; the buffer holds as many changes as RLIMIT_NOFILE's
// soft limit when the object was made, which is also the most events one
// Poll returns. An error of that write (an fd the kernel refuses) surfaces
// from the call that triggered it, and the changes it held are dropped.
//
// A Devpoll may be used from many goroutines at once. Close while calls
// are in flight marks the object closed at once and wakes a blocked Poll,
// which then returns ValueError "I/O operation on closed
// devpoll object"; the descriptor is closed when the last call returns.
// A Devpoll dropped without Close is closed when collected; the zero
// Devpoll and a nil *Devpoll are closed objects
// (conformance/SEMANTICS.md#close-protocol).
//
// Differences from Python: Modify takes its mask (Python's modify defaults
// it to POLLIN|POLLPRI|POLLOUT), so that a *Devpoll has the method set of
// a *Poll. The descriptor is not made non-inheritable by fork: a
// /dev/poll belongs to the process that first used it, and another one
// gets PermissionError (EACCES) from the kernel (illumos devpoll.c).
//
// [select.devpoll]: https://docs.python.org/3/library/select.html#devpoll-polling-objects
// [poll(7D)]: https://docs.oracle.com/cd/E23824_01/html/821-1475/poll-7d.html
// [poll(4D)]: https://illumos.org/man/4D/poll
type Devpoll struct {
	pfd pollFD

	mu      sync.Mutex
	pending []unix.PollFd // changes not yet written (CPython's fds[:n_fds])
	max     int           // CPython's max_n_fds: RLIMIT_NOFILE's soft limit at creation

	buf scratch[unix.PollFd] // Poll's result array, kept between calls
}

// errClosedDevpoll is what every call on a closed Devpoll returns.
func errClosedDevpoll() *builtins.Error {
	return builtins.ValueError.New("I/O operation on closed devpoll object")
}

// <sys/devpoll.h> and <sys/poll.h>, the same on illumos and Solaris.
const (
	dpPoll     = 0xD0<<8 | 1 // DP_POLL: poll on the fds cached in /dev/poll
	pollRemove = 0x0800      // POLLREMOVE: an events value that removes the fd
)

// dvpoll is <sys/devpoll.h>'s struct dvpoll, DP_POLL's argument. illumos
// appends dp_setp, which only DP_PPOLL reads: for DP_POLL its kernel copies
// in the fields before it (devpoll.c: dpioctl).
type dvpoll struct {
	fds     *unix.PollFd // dp_fds: where the kernel stores the ready fds
	nfds    uint64       // dp_nfds (nfds_t): how many it may store
	timeout int32        // dp_timeout: milliseconds, -1 blocks
}

// x/sys has no ioctl that passes a pointer and returns the ioctl's value
// except IoctlSetStrioctlRetInt, which hands its argument to ioctl(2)
// untouched. A struct strioctl has the size of a struct dvpoll (and the
// kernel reads the memory as the ioctl's own type), so DP_POLL is made
// through it, without cgo and without a raw system call (Solaris has none).
var (
	_ [unsafe.Sizeof(dvpoll{}) - unsafe.Sizeof(unix.Strioctl{})]struct{}
	_ [unsafe.Sizeof(unix.Strioctl{}) - unsafe.Sizeof(dvpoll{})]struct{}
)

// ioctlDpPoll is ioctl(fd, DP_POLL, &dvpoll): it waits up to ms
// milliseconds and stores the ready fds, with their revents, at the start
// of fds. It returns how many it stored.
//
// A wait runs with the thread's asynchronous signals blocked. Go installs
// every signal handler with SA_RESTART, and libc restarts an ioctl that a
// signal with such a handler interrupted (sigaction(2) SA_RESTART names
// ioctl; illumos libc ioctl.s is SYSCALL_RESTART_RVAL1) with the same
// struct dvpoll, so each signal the waiting thread took would start the
// whole timeout again, and signals arriving faster than the timeout (a
// profiler's SIGPROF) would keep the call waiting for ever. CPython's
// handlers have no SA_RESTART: its DP_POLL fails with EINTR and is retried
// with the time left (select_devpoll_poll_impl). Blocked here, a signal
// goes to another of the process's threads, where Go's handler runs, and
// the wait ends at its deadline, by an event, or by Close (see waker).
func ioctlDpPoll(fd int, fds []unix.PollFd, ms int) (int, error) {
	dv := dvpoll{fds: &fds[0], nfds: uint64(len(fds)), timeout: int32(ms)}
	if ms != 0 {
		runtime.LockOSThread() // the mask belongs to the thread
		defer runtime.UnlockOSThread()
		var old sigset
		if err := pthreadSigmask(sigBlock, &asyncSignals, &old); err != nil {
			return 0, err
		}
		defer pthreadSigmask(sigSetmask, &old, nil)
	}
	return unix.IoctlSetStrioctlRetInt(fd, dpPoll, (*unix.Strioctl)(unsafe.Pointer(&dv)))
}

// sigset is <sys/signal.h>'s sigset_t on illumos and Solaris: signal n is
// bit (n-1)%32 of word (n-1)/32.
type sigset [4]uint32

// pthread_sigmask(3C)'s how, <sys/signal.h>.
const (
	sigBlock   = 1 // SIG_BLOCK
	sigSetmask = 3 // SIG_SETMASK
)

// asyncSignals is every signal but the synchronous ones a fault raises on
// the thread itself, which must never be blocked (pthread_sigmask(3C):
// blocking them makes a fault's outcome undefined). SIGKILL and SIGSTOP
// cannot be blocked; the kernel ignores them in a mask.
var asyncSignals = func() sigset {
	s := sigset{^uint32(0), ^uint32(0), ^uint32(0), ^uint32(0)}
	for _, sig := range []unix.Signal{unix.SIGILL, unix.SIGTRAP, unix.SIGEMT, unix.SIGFPE, unix.SIGBUS, unix.SIGSEGV, unix.SIGSYS} {
		s[(sig-1)/32] &^= 1 << ((sig - 1) % 32)
	}
	return s
}()

// x/sys exports no pthread_sigmask for illumos and Solaris: it is called
// from libc as x/sys calls the rest of libc, through syscall.sysvicall6.

//go:cgo_import_dynamic libc_pthread_sigmask pthread_sigmask "libc.so"
//go:linkname procPthreadSigmask libc_pthread_sigmask
var procPthreadSigmask uintptr

//go:linkname sysvicall6 syscall.sysvicall6
func sysvicall6(trap, nargs, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err syscall.Errno)

// pthreadSigmask is pthread_sigmask(3C), which returns its error number.
func pthreadSigmask(how int, set, old *sigset) error {
	r, _, _ := sysvicall6(uintptr(unsafe.Pointer(&procPthreadSigmask)), 3, uintptr(how), uintptr(unsafe.Pointer(set)), uintptr(unsafe.Pointer(old)), 0, 0, 0)
	if r != 0 {
		return syscall.Errno(r)
	}
	return nil
}

// NewDevpoll is select.devpoll(): it opens /dev/poll (close-on-exec) and
// sizes its buffer to RLIMIT_NOFILE's soft limit, as CPython does. A
// failed open is OSError with the path, e.g. "[Errno 2] No such file or
// directory: '/dev/poll'"; a soft limit beyond a C int is MemoryError.
func NewDevpoll() (*Devpoll, error) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return nil, sysErr(err)
	}
	const path = "/dev/poll"
	var fd int
	for {
		var err error
		fd, err = unix.Open(path, unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err == nil {
			break
		}
		if errno, ok := err.(unix.Errno); ok && errno != unix.EINTR {
			// _Py_open: OSError with the file name.
			e := builtins.AsError(errno)
			e.Message += ": '" + path + "'"
			return nil, e
		}
	}
	if lim.Cur > math.MaxInt32 {
		// CPython allocates an array of that many pollfds first, and
		// gets MemoryError; in Go a failed allocation is fatal.
		unix.Close(fd)
		return nil, builtins.MemoryError.New("")
	}
	dp, err := newPollFD(fd, (*Devpoll).p)
	if err != nil {
		unix.Close(fd)
		return nil, sysErr(err)
	}
	// A soft limit of 0 fails the open (EMFILE); max is never 0.
	dp.max = max(int(lim.Cur), 1)
	return dp, nil
}

// p is dp's pollFD, nil for a nil dp: every method goes through it, so
// that a nil *Devpoll is a closed one.
func (dp *Devpoll) p() *pollFD {
	if dp == nil {
		return nil
	}
	return &dp.pfd
}

// Close is devpoll.close(): close the /dev/poll descriptor. It may be
// called any number of times and never fails. Calls in flight are woken
// and return ValueError; the descriptor is closed by the last of them.
func (dp *Devpoll) Close() error {
	dp.p().Close()
	return nil
}

// Closed is devpoll.closed: whether Close has been called.
func (dp *Devpoll) Closed() bool { return dp.p().closed() }

// Fileno is devpoll.fileno(): the /dev/poll descriptor, or ValueError
// once closed.
func (dp *Devpoll) Fileno() (int, error) { return dp.p().fileno(errClosedDevpoll) }

// Register is devpoll.register(fd[, eventmask]): watch fd for the events
// in eventmask, by default POLLIN|POLLPRI|POLLOUT. Registering an fd that
// is already registered adds the events to its mask (poll(7d): "the result
// is undefined" in Python's words). The fd is not checked: a closed one
// is reported as POLLNVAL. The arguments are converted before the closed
// check, as CPython's argument clinic does; eventmask is a C unsigned
// short, with Poll.Register's errors.
func (dp *Devpoll) Register(fd any, eventmask ...Mask) error {
	mask, err := pollRegisterMask(eventmask)
	if err != nil {
		return err
	}
	return dp.change(fd, mask, false)
}

// Modify is devpoll.modify(fd, eventmask): replace fd's mask. It queues a
// POLLREMOVE and then the new mask, so an fd that was not registered
// becomes registered, without error.
func (dp *Devpoll) Modify(fd any, eventmask Mask) error { return dp.change(fd, eventmask, true) }

// change is CPython's internal_devpoll_register.
func (dp *Devpoll) change(fd any, eventmask Mask, remove bool) error {
	n, err := fdOf(fd)
	if err != nil {
		return err
	}
	ev, err := ushort(eventmask)
	if err != nil {
		return err
	}
	p := dp.p()
	if !p.acquire() {
		return errClosedDevpoll()
	}
	defer p.release()
	dp.mu.Lock()
	defer dp.mu.Unlock()
	if remove {
		if err := dp.queue(n, pollRemove); err != nil {
			return err
		}
	}
	return dp.queue(n, ev)
}

// Unregister is devpoll.unregister(fd): queue a POLLREMOVE for fd. An fd
// that is not registered is no error (unlike Poll.Unregister).
func (dp *Devpoll) Unregister(fd any) error {
	n, err := fdOf(fd)
	if err != nil {
		return err
	}
	p := dp.p()
	if !p.acquire() {
		return errClosedDevpoll()
	}
	defer p.release()
	dp.mu.Lock()
	defer dp.mu.Unlock()
	return dp.queue(n, pollRemove)
}

// queue appends a change, and writes the changes out when the buffer is
// full, as CPython does. The caller holds mu.
func (dp *Devpoll) queue(fd int, events uint16) error {
	pfd := unix.PollFd{Fd: int32(fd)}
	setEvents(&pfd.Events, events)
	dp.pending = append(dp.pending, pfd)
	if len(dp.pending) >= dp.max {
		return dp.flush()
	}
	return nil
}

// flush is CPython's devpoll_flush: write the queued changes to /dev/poll.
// They are dropped whether or not the write succeeds. The caller holds mu
// and a reference.
func (dp *Devpoll) flush() error {
	if len(dp.pending) == 0 {
		return nil
	}
	b := pollFdBytes(dp.pending)
	dp.pending = dp.pending[:0]
	var n int
	var err error
	for {
		if n, err = unix.Write(dp.pfd.fd(), b); err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return sysErr(err)
	}
	if n < len(b) {
		return builtins.OSError.New("failed to write all pollfds. Please, report at http://bugs.python.org/. " +
			"Data to report: Size tried: " + strconv.Itoa(len(b)) + ", actual size written: " + strconv.Itoa(n) + ".")
	}
	return nil
}

// pollFdBytes is the memory of fds, as write(2) to /dev/poll takes it.
func pollFdBytes(fds []unix.PollFd) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&fds[0])), len(fds)*int(unsafe.Sizeof(fds[0])))
}

// poll is Poll with its timeout given: write the queued changes, wait
// until a registered fd has an event, and return an Event for each (at
// most the buffer's size), in the kernel's order.
//
// timeout is in milliseconds, rounded up: nil (None) or -1 blocks, 0
// polls; below -1 or beyond a C int it is OverflowError "timeout is too
// large" (test_devpoll.py::test_timeout_overflow). The checks run as
// CPython's: closed, timeout, then the write. An interrupted wait is
// resumed with the time left and returns an empty list once none is
// (PEP 475). Unlike Poll.Poll, two Polls may run at once, as in CPython.
func (dp *Devpoll) poll(timeout any) ([]Event, error) {
	p := dp.p()
	if !p.acquire() {
		return nil, errClosedDevpoll()
	}
	defer p.release()
	d, err := devpollTimeout(timeout)
	if err != nil {
		return nil, err
	}
	dp.mu.Lock()
	err = dp.flush()
	dp.mu.Unlock()
	if err != nil {
		return nil, err
	}
	buf, mine := dp.buf.get(dp.max, dp.max, newPollFds)
	defer dp.buf.put(mine)
	n, err := wait(d, msMaxWait, func(d time.Duration) (int, error) {
		n, err := p.block(d, func(d time.Duration) (int, error) { return ioctlDpPoll(p.fd(), buf, msCeil(d)) })
		if p.closed() {
			// Woken by Close (or closed while waiting).
			return 0, errClosedDevpoll()
		}
		if err != nil {
			return 0, sysErr(err)
		}
		return n, nil
	})
	if err != nil {
		return nil, err
	}
	res := make([]Event, n)
	for i, pfd := range buf[:n] {
		res[i] = Event{Fd: int(pfd.Fd), Events: Mask(uint16(pfd.Revents))}
	}
	return res, nil
}

func newPollFds(n int) []unix.PollFd { return make([]unix.PollFd, n) }
