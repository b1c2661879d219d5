// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package conformance_test

import (
	"strconv"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// A callbackFile is a file object whose fileno() and repr call the
// selector back, as a Python object's fileno() or __repr__ may (asking
// sel.get_key, showing len(sel.get_map())).
type callbackFile struct {
	fd  int
	sel selectors.BaseSelector[any]
}

func (f *callbackFile) Fileno() (int, error) {
	if m := f.sel.GetMap(); m != nil {
		m.Len()
	}
	f.sel.GetKey(f.fd)
	return f.fd, nil
}

func (f *callbackFile) String() string {
	if m := f.sel.GetMap(); m != nil {
		m.Len()
	}
	return "callbackFile"
}

// A forwardingFile is a file object whose fileno() is its connection's
// (self.conn.fileno()): AttributeError once the connection is None.
type forwardingFile struct{ conn any }

func (f *forwardingFile) Fileno() (int, error) { return pyselect.FilenoErr(f.conn) }
func (f *forwardingFile) String() string       { return "forwardingFile" }

// A failingFile is a file object whose fileno() raises err once set, as a
// wrapper's fileno() raises the OSError of a descriptor it lost.
type failingFile struct {
	fd  int
	err error
}

func (f *failingFile) Fileno() (int, error) {
	if f.err != nil {
		return -1, f.err
	}
	return f.fd, nil
}
func (f *failingFile) String() string { return "failingFile" }

func init() {
	for _, c := range selectorClasses() {
		describe("selectors."+c.name, "", Label("api:selectors"), c.labels, func() {
			When("fileno() and repr call the selector back", func() {
				// Source: Lib/selectors.py: _BaseSelectorImpl._fileobj_lookup calls fileobj.fileno(),
				// and _BaseSelectorImpl.register / BaseSelector.get_key format "{!r}" of it,
				// with no lock held: Python code there may use the selector
				It("registers, finds, modifies and unregisters it, and its KeyErrors show its repr", SpecTimeout(10*time.Second), func(ctx SpecContext) {
					if c.make == nil {
						Skip(c.absent)
					}
					s, err := c.make()
					Expect(err).NotTo(HaveOccurred())
					r, _ := onceSocketPair()
					f := &callbackFile{fd: r.Fd, sel: s}
					done := make(chan struct{})
					go func() { // closes s: a deadlocked selector cannot be closed from the spec
						defer GinkgoRecover()
						defer close(done)
						defer s.Close()
						Expect(s.Register(f, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
						_, err := s.Register(f, selectors.EVENT_READ)
						Expect(err).To(support.Raise(builtins.KeyError, "'callbackFile (FD "+strconv.Itoa(r.Fd)+") is already registered'"))
						Expect(s.GetKey(f)).Error().NotTo(HaveOccurred())
						Expect(s.GetMap().Get(f)).Error().NotTo(HaveOccurred())
						Expect(s.Modify(f, selectors.EVENT_WRITE, "data")).Error().NotTo(HaveOccurred())
						Expect(s.Unregister(f)).Error().NotTo(HaveOccurred())
						_, err = s.Unregister(f)
						Expect(err).To(support.Raise(builtins.KeyError, "'callbackFile is not registered'"))
						_, err = s.GetKey(f)
						Expect(err).To(support.Raise(builtins.KeyError, "'callbackFile is not registered'"))
					}()
					Eventually(ctx, done).Within(5*time.Second).Should(BeClosed(), "a call deadlocked on the selector")
				})
			})

			When("fileno() raises AttributeError", func() {
				// Source: Lib/selectors.py: _fileobj_to_fd "except (AttributeError, TypeError, ValueError):
				// raise ValueError("Invalid file object: {!r}")"; _BaseSelectorImpl._fileobj_lookup
				It("is ValueError 'Invalid file object', and finds one registered before by identity", func() {
					s := newSelector(c)
					_, err := s.Register(&forwardingFile{}, selectors.EVENT_READ)
					Expect(err).To(support.Raise(builtins.ValueError, "Invalid file object: forwardingFile"))
					r, _ := onceSocketPair()
					f := &forwardingFile{conn: r.Fd}
					key, err := s.Register(f, selectors.EVENT_READ)
					Expect(err).NotTo(HaveOccurred())
					f.conn = nil
					Expect(s.GetKey(f)).To(BeIdenticalTo(key))
					Expect(s.Unregister(f)).To(BeIdenticalTo(key))
				})
			})

			When("a registered file object's fileno() raises OSError", func() {
				// Source: Lib/selectors.py: _BaseSelectorImpl._fileobj_lookup "except ValueError:
				// # Do an exhaustive search." (the identity search follows ValueError only; any
				// other exception of _fileobj_to_fd propagates). Probed with CPython 3.11.7 for
				// SelectSelector, PollSelector and EpollSelector: after fileno() raises
				// OSError(EBADF), get_key, modify and unregister raise that OSError [Errno 9],
				// and once fileno() works again get_key finds the key.
				It("GetKey, Modify and Unregister raise it; the key stays", func() {
					s := newSelector(c)
					r, _ := onceSocketPair()
					f := &failingFile{fd: r.Fd}
					key, err := s.Register(f, selectors.EVENT_READ)
					Expect(err).NotTo(HaveOccurred())
					raised := &builtins.Error{Exception: builtins.OSError, Errno: syscall.EBADF, Message: "[Errno 9] Bad file descriptor"}
					f.err = raised
					_, err = s.GetKey(f)
					Expect(err).To(And(support.RaiseErrno(builtins.OSError, syscall.EBADF), MatchError(raised)), "get_key")
					_, err = s.Modify(f, selectors.EVENT_WRITE)
					Expect(err).To(And(support.RaiseErrno(builtins.OSError, syscall.EBADF), MatchError(raised)), "modify")
					_, err = s.Unregister(f)
					Expect(err).To(And(support.RaiseErrno(builtins.OSError, syscall.EBADF), MatchError(raised)), "unregister")
					f.err = nil
					Expect(s.GetKey(f)).To(BeIdenticalTo(key), "the failed calls left the key registered")
				})
			})
		})
	}
}
