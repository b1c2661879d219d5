// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package selectors is Python's selectors module in Go, on top of
// sys/pyselect: Lib/selectors.py's classes, with the same methods,
// arguments, results and failures, so that code written against
// selectors.DefaultSelector ports to it line by line.
//
//	Python                                     Go
//	sel = selectors.DefaultSelector()          sel, err := selectors.NewDefaultSelector[D]()
//	_PopenSelector = selectors.PollSelector    popenSelector := selectors.NewPollSelector[D]
//	hasattr(selectors, 'PollSelector')         selectors.Hasattr("PollSelector")
//	with selectors.DefaultSelector() as sel:   sel, err := selectors.NewDefaultSelector[D](); defer sel.Close()
//	key = sel.register(conn, EVENT_READ, cb)   key, err := sel.Register(conn, selectors.EVENT_READ, cb)
//	sel.modify(conn, EVENT_WRITE)              sel.Modify(conn, selectors.EVENT_WRITE)
//	sel.unregister(conn)                       sel.Unregister(conn)
//	for key, mask in sel.select(timeout):      ready, err := sel.Select(timeout); for _, r := range ready { key, mask := r.Key, r.Events
//	sel.select()                               sel.Select()
//	    key.data(key.fileobj, mask)                key.Data(key.Fileobj, mask)
//	sel.get_key(conn)                          sel.GetKey(conn)
//	sel.get_map()                              sel.GetMap()
//	while sel.get_map():                       for sel.GetMap().Len() > 0 {
//	sel.close()                                sel.Close()
//	sel.fileno()                               fd, err := pyselect.FilenoErr(sel)
//
// The classes: SelectSelector (every OS; on Windows the only one),
// PollSelector (every Unix), EpollSelector (Linux), KqueueSelector
// (macOS, the BSDs) and DevpollSelector (Solaris, illumos); each is
// absent where Python's is. NewDefaultSelector picks as Python's
// DefaultSelector does: kqueue, then epoll, then devpoll, then poll, then
// select. Hasattr says which this OS has, as hasattr(selectors, name).
//
// Every constructor has one shape, func() (BaseSelector[D], error), so
// that a class is a value: "_PopenSelector = selectors.PollSelector" is
// "popenSelector := selectors.NewPollSelector[any]", and the variable may
// hold any class. A type assertion is isinstance: sel.(*EpollSelector[D]).
// sel.fileno(), which only EpollSelector, KqueueSelector and
// DevpollSelector have, is pyselect.FilenoErr(sel), through the interface;
// other classes give Python's AttributeError.
//
// Optional arguments follow sys/pyselect's rule (its package
// documentation, "Optional arguments"): Register's and Modify's data and
// Select's timeout are variadics, so sel.select() is sel.Select().
//
// # Data
//
// Python's data is any object. Here it is the type parameter D: a
// selector's keys all carry a D. Use D = any for Python's anything, or a
// func type for the callback style of the selectors documentation, so
// that key.Data(key.Fileobj, mask) is a typed call:
//
//	sel, err := selectors.NewDefaultSelector[func(conn any, mask int)]()
//
// Register and Modify take data as an optional last argument; without it
// a key's Data is D's zero value (Python's None). Modify compares the new
// data with the key's as Python's != does where Go can compare the values:
// numbers by value across Go's kinds (1, true, 1.0 and 1+0i are equal, as
// 1, True, 1.0 and 1+0j are), others with ==; a map or slice is the same
// as itself (the same object, as Python's is); other values (funcs, other
// maps and slices) count as changed.
//
// # File objects and reprs
//
// A file object is what sys/pyselect takes as an fd: a Go integer, a value
// with a Fileno() int or Fileno() (int, error) method, or a syscall.Conn
// such as *os.File or *net.TCPConn. Key.Fileobj is the caller's own value.
// A value with no fd, or whose fd cannot be read (a closed *os.File), is
// ValueError "Invalid file object: <repr>"; a closed socket's fd is -1,
// ValueError "Invalid file descriptor: -1". As in Python, a file object
// closed since it was registered is still found by identity (==, or for a
// map or slice the same one) by Unregister, Modify, GetKey and the Map.
//
// Messages show a value as Python's {!r} does, with builtins.Repr: exactly
// Python's repr for ints, floats, strings, bools and nil, so that
// "KeyError: '5 is not registered'" reads as in Python; other values
// render as their String() method, or "<*os.File object at 0xc000012345>"
// for pointers, or "T(v)" for other values. Python's repr of its own
// objects (sockets, files) has no Go counterpart.
//
// # Select
//
// Select(timeout) returns the (key, events) pairs as []Ready: timeout is
// nil (None: block), seconds as a float or any Go integer, or a
// time.Duration; 0 or less polls. Each selector rounds it as its Python
// class does (PollSelector and EpollSelector up to whole milliseconds),
// and an interrupted wait is resumed with the time left, then returns an
// empty list (PEP 475). Events are masked with the key's Events, and
// events of an fd unregistered during the wait are dropped. The result is
// a new slice; the keys are the registered ones.
//
// # Errors
//
// Every failure is a *builtins.Error with CPython's class and message:
// errors.Is(err, builtins.KeyError), errors.Is(err, builtins.ValueError),
// and for a failed system call errors.Is(err, unix.EBADF).
//
// # Goroutines and Close
//
// A selector may be used from many goroutines: each method is atomic, as
// Python's are under the GIL, and Select waits without holding the
// selector, so Register, Modify and Unregister from other goroutines go
// ahead while it waits (an epoll or kqueue sees them at once; a poll,
// select or devpoll at the next Select). Close while another goroutine
// is in Select behaves as the underlying object's Close: an EpollSelector's,
// KqueueSelector's or DevpollSelector's Select is woken and returns
// ValueError "I/O operation on closed epoll object" (kqueue, devpoll), and
// the descriptor is not reused under it; a PollSelector's or
// SelectSelector's Select finishes its wait (it has no descriptor to
// close) and reports nothing (the differential scenarios
// selectors_close_while_selecting_*). After Close,
// GetMap is Python's None, a Map that is false (Len 0), and GetKey is
// RuntimeError "Selector is closed", as in Python.
//
// A file object's Fileno and String methods, the caller's code, never run
// while the selector is locked, so they may call the selector back, as a
// Python fileno() or __repr__ may. Each method reads its file object's fd
// once, before it locks; Python's modify reads it at each of its steps
// (up to three times).
//
// # Differences from Python
//
// Python's BaseSelector is an abstract class one may subclass; here it is
// an interface. The Map's iterators see the keys of the moment iteration
// starts, where Python raises RuntimeError if the dict changes during
// iteration. Map.Lookup reports an invalid file object or descriptor as
// not found, where Python's get_map().get(f) and f in get_map() raise its
// ValueError ("Invalid file object: ...", "Invalid file descriptor: -1");
// Map.Get raises it. SelectSelector returns ready fds in ascending order,
// where Python's order is that of a set. conformance/DIFFERENCES.md lists each
// difference with its reason.
package selectors
