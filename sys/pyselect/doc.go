// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package pyselect is Python's select module in Go, without cgo: the same
// calls, arguments, units, results and failures, over golang.org/x/sys.
// Code written against select.select, select.poll, select.epoll and
// select.kqueue ports to it line by line.
//
//	Python                           Go                                     syscall         man page
//	select.select(r, w, x, t)        pyselect.Select(r, w, x, t)            select          select(2)
//	select.poll()                    pyselect.NewPoll()                     poll            poll(2)
//	p.register(fd, mask)             p.Register(fd, mask)
//	p.poll(ms)                       p.Poll(ms)
//	select.epoll()                   pyselect.NewEpoll()                    epoll_create1   epoll(7)
//	ep.register(fd, mask)            ep.Register(fd, mask)                  epoll_ctl       epoll_ctl(2)
//	ep.poll(t, maxevents)            ep.Poll(t, maxevents)                  epoll_wait      epoll_wait(2)
//	select.kqueue()                  pyselect.NewKqueue()                   kqueue          kqueue(2)
//	kq.control(changes, n, t)        kq.Control(changes, n, t)              kevent          kqueue(2)
//	select.kevent(ident, ...)        pyselect.NewKevent(ident, ...)
//	select.devpoll()                 pyselect.NewDevpoll()                  /dev/poll       poll(7D)
//
// Select and Poll exist on every Unix: Linux, macOS, the BSDs, illumos,
// Solaris and AIX (Select also on Windows, for sockets); Epoll only on
// Linux; Kqueue and Kevent only on macOS and the BSDs; Devpoll only on
// illumos and Solaris: each is absent where Python lacks it, never a stub.
//
// Every rule these calls follow, down to the order in which CPython checks
// its arguments, is written once in the repository's conformance/SEMANTICS.md,
// with the CPython function, test or man page it comes from.
//
// # Where names live
//
// One rule, for every package under sys: a Python name lives in the Go
// package of the Python module that defines it, in Go case. The select
// module is this package, selectors is sys/selectors, socket is
// sys/socket, and the builtins a port needs beside them (the exception
// classes, except, str(e), repr, del, dict.pop) are sys/builtins. So
// select.poll() is pyselect.NewPoll(), "except OSError:" is
// builtins.Except(err, builtins.OSError) and socket.gaierror is
// socket.Gaierror. Go-only forms live beside the name they serve (Poller
// and NewPoller here, the Duration timeouts). The one exception is the file
// object's fileno(): Fileno, FilenoErr and AsFileDescriptor are here, with
// the rule by which every select call reads an fd argument
// (PyObject_AsFileDescriptor), since that rule is the select module's.
//
// # Optional arguments
//
// One rule, here and in sys/selectors: Python's optional arguments at the
// end of a call are one Go variadic parameter when they share a Go type,
// so that leaving them out in Go is leaving them out in Python; an
// optional argument that one of another type follows is explicit, and
// takes Python's default (nil for None). So p.poll() is p.Poll(),
// select.select(r, w, x) is Select(r, w, x), select.epoll() is
// NewEpoll() and select.epoll(-1, flags) NewEpoll(-1, flags),
// kq.control(changes, n) is kq.Control(changes, n), select.kevent(fd) is
// NewKevent(fd) (its five optional ints are one variadic), and
// sel.select() is sel.Select(); but epoll.poll(timeout=None,
// maxevents=-1) is ep.Poll(timeout, maxevents ...int), so ep.poll() is
// ep.Poll(nil). More arguments than Python takes is Python's TypeError
// for them ("poll expected at most 1 argument, got 2"). No parameter
// exists only to be refused: where one variable holds objects whose
// Python signatures differ, an adapter answers for the one that differs
// (Poller: Poll.Poller). Keyword arguments become positional, in
// Python's order. Constructors of one kind of object have one shape, so
// that a Python class can be held as a value (see sys/selectors).
//
// # Arguments
//
// An fd argument is what Python takes: a Go integer, a value with a
// Fileno() int method (Filenoer; a Fileno method that returns another
// integer type, or an integer and an error, is called too, as Python
// calls any fileno(); an *Epoll, *Kqueue or *Devpoll is one), or a
// syscall.Conn such as *os.File or *net.TCPConn, whose descriptor is read through SyscallConn().Control
// (Fd() would switch it to blocking mode). A timeout is an any: nil is
// None and blocks, a float or an integer is Python's float or int, in
// Python's unit (seconds, but milliseconds for Poll.Poll); the rules for
// 0, negative, NaN, infinity and overflow are CPython's, per call (each
// call's doc gives them). builtins.Seconds reads such a value for the
// arithmetic Python code does with it (time.monotonic() + timeout).
//
// # Errors
//
// Every failure is a *builtins.Error with CPython's exception class and
// message: errors.Is(err, builtins.ValueError), and for a failed system
// call errors.Is(err, builtins.OSError) and errors.Is(err, unix.EBADF)
// alike. Bad input is an error, never a panic. Python's "except (A, B):"
// is builtins.Except(err, A, B), for these errors and for those of net and
// os; select.error is Error, an alias of OSError as in Python. Each call's
// error is its own.
//
// # Interrupted calls
//
// Every blocking call retries EINTR as PEP 475 makes CPython do: with the
// time left until a monotonic deadline taken at the start, returning the
// empty result once it has passed. In Go this is everyday: the runtime's
// preemption signal interrupts blocking system calls.
//
// # Goroutines
//
// Objects may be shared between goroutines. An Epoll, Kqueue or Devpoll
// closed while another goroutine is inside one of its calls keeps its descriptor
// until that call returns, so the number cannot be reused under it; the
// call is woken and returns ValueError "I/O operation on closed ... object".
// Waking needs nothing at Close time and puts nothing into an epoll or
// kqueue instance, so a dup of its descriptor sees no event of the
// library's: Close signals the waiting threads, so an Epoll or a Kqueue is
// one descriptor, as CPython's, and a wait one epoll_pwait or kevent with
// the caller's timeout (on DragonFly a Kqueue holds a private kqueue too).
// A Devpoll holds a pipe registered in its /dev/poll, which Close writes
// to. An Epoll, Kqueue or Devpoll dropped without Close is closed when collected;
// the zero value and a nil pointer are closed objects.
package pyselect
