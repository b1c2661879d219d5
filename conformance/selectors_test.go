// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package conformance_test

import (
	"errors"
	"math/rand/v2"
	"net"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
	"github.com/pyselect/pyselect/sys/selectors"
)

// The port of CPython's Lib/test/test_selectors.py. Every test of every
// test case class is a spec, labelled with its Python id
// ("python:test_selectors.py::EpollSelectorTestCase::test_register"), under
// a Describe per selector class: DefaultSelector, SelectSelector,
// PollSelector, EpollSelector, KqueueSelector, DevpollSelector. A class
// this OS lacks is listed with its specs skipped, as CPython's skipUnless
// skips them; so are the tests CPython itself skips for a class.

// A selectorClass is one of test_selectors.py's test case classes: the
// selector it tests (nil where the OS has none, with the reason), and
// the tests of its own beside BaseSelectorTestCase's.
type selectorClass struct {
	name     string // the Python class, "EpollSelector"
	make     func() (selectors.BaseSelector[any], error)
	absent   string // why make is nil
	labels   Labels
	scalable bool // ScalableSelectorMixIn: test_above_fd_setsize
	// modifyFails makes the underlying poller's modify fail for the key
	// of rd (test_modify_unregister), or is nil where CPython skips that
	// test or Go cannot make it fail; skipModify says why.
	modifyFails func(rd net.Conn)
	skipModify  string
}

// selectorClasses lists test_selectors.py's classes in its order; the
// per-OS files fill in selectorsOnOS.
func selectorClasses() []selectorClass {
	return selectorsOnOS
}

// newSelector makes c's selector, closed when the spec ends, or skips the
// spec where the class does not exist here.
func newSelector(c selectorClass) selectors.BaseSelector[any] {
	GinkgoHelper()
	if c.make == nil {
		Skip(c.absent)
	}
	s, err := c.make()
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(s.Close)
	return s
}

// socketPair is test_selectors.py's make_socketpair: the two ends of a
// socket.socketpair(), as *net.UnixConn (a syscall.Conn, as Python's
// socket object has fileno()), closed when the spec ends.
func socketPair() (rd, wr *net.UnixConn) {
	GinkgoHelper()
	p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	Expect(err).NotTo(HaveOccurred())
	conn := func(fd int) *net.UnixConn {
		f := os.NewFile(uintptr(fd), "socketpair")
		defer f.Close()
		c, err := net.FileConn(f) // a dup of fd
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(func() { c.Close() })
		return c.(*net.UnixConn)
	}
	return conn(p[0]), conn(p[1])
}

// onceSocketPair is a socket pair as two fds, each closed when the spec
// ends unless the spec closed it.
func onceSocketPair() (a, b *support.OnceFd) {
	GinkgoHelper()
	p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	Expect(err).NotTo(HaveOccurred())
	return support.Own(p[0]), support.Own(p[1])
}

// socketPairErr is socketPair for the many-fd test, which stops at the
// first failure (EMFILE) instead of failing.
func socketPairErr() (rd, wr int, err error) {
	p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err != nil {
		return -1, -1, err
	}
	return p[0], p[1], nil
}

// findReadyMatching is test_selectors.py's find_ready_matching.
func findReadyMatching(ready []selectors.Ready[any], flag int) []any {
	match := []any{}
	for _, r := range ready {
		if r.Events&flag != 0 {
			match = append(match, r.Key.Fileobj)
		}
	}
	return match
}

func fdOfConn(c net.Conn) int {
	GinkgoHelper()
	fd, err := pyselect.AsFileDescriptor(c)
	Expect(err).NotTo(HaveOccurred())
	return fd
}

// notifySIGUSR2 has SIGUSR2 delivered to a channel until the spec ends,
// so that the runtime neither dies of it nor restarts the call.
func notifySIGUSR2() <-chan os.Signal {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGUSR2)
	DeferCleanup(signal.Stop, sigs)
	return sigs
}

func py(class, test string) Labels {
	return Label("python:test_selectors.py::" + class + "TestCase::" + test)
}

func init() {
	for _, c := range selectorClasses() {
		describe("selectors."+c.name, "", Label("api:selectors"), c.labels, func() {
			selectorSpecs(c)
		})
	}
}

func selectorSpecs(c selectorClass) {
	// Source: Lib/selectors.py: _BaseSelectorImpl.register; https://docs.python.org/3/library/selectors.html#selectors.BaseSelector.register
	// Python: test_selectors.py::BaseSelectorTestCase::test_register
	It("registers a socket, returning its key, and refuses bad events, a bad fd and a second registration of the fd", py(c.name, "test_register"), func() {
		s := newSelector(c)
		rd, _ := socketPair()
		key, err := s.Register(rd, selectors.EVENT_READ, "data")
		Expect(err).NotTo(HaveOccurred())
		Expect(key.Fileobj).To(BeIdenticalTo(rd))
		Expect(key.Fd).To(Equal(fdOfConn(rd)))
		Expect(key.Events).To(Equal(selectors.EVENT_READ))
		Expect(key.Data).To(Equal("data"))

		_, err = s.Register(0, 999999)
		Expect(err).To(support.Raise(builtins.ValueError, "Invalid events: 999999"), "an unknown event")
		_, err = s.Register(-10, selectors.EVENT_READ)
		Expect(err).To(support.Raise(builtins.ValueError, "Invalid file descriptor: -10"), "an invalid fd")
		_, err = s.Register(rd, selectors.EVENT_READ)
		Expect(errors.Is(err, builtins.KeyError)).To(BeTrue(), "registered twice: %v", err)
		_, err = s.Register(key.Fd, selectors.EVENT_READ)
		Expect(err).To(support.Raise(builtins.KeyError, builtins.Repr(builtins.Repr(key.Fd)+" (FD "+builtins.Repr(key.Fd)+") is already registered")),
			"the same fd, as another object")
	})

	// Source: Lib/selectors.py: _BaseSelectorImpl.unregister
	// Python: test_selectors.py::BaseSelectorTestCase::test_unregister
	It("unregisters a registered socket, and raises KeyError for an unknown fd or a second unregister", py(c.name, "test_unregister"), func() {
		s := newSelector(c)
		rd, _ := socketPair()
		_, err := s.Register(rd, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		_, err = s.Unregister(rd)
		Expect(err).NotTo(HaveOccurred())
		_, err = s.Unregister(999999)
		Expect(err).To(support.Raise(builtins.KeyError, "'999999 is not registered'"))
		_, err = s.Unregister(rd)
		Expect(errors.Is(err, builtins.KeyError)).To(BeTrue(), "unregistered twice: %v", err)
	})

	// Source: Lib/selectors.py: BaseSelector.unregister "If fileobj is registered but has since
	// been closed this does *not* raise OSError (even if the wrapped syscall does)"
	// Python: test_selectors.py::BaseSelectorTestCase::test_unregister_after_fd_close
	It("unregisters fds closed since they were registered without an error", py(c.name, "test_unregister_after_fd_close"), func() {
		s := newSelector(c)
		r, w := onceSocketPair()
		_, err := s.Register(r.Fd, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		_, err = s.Register(w.Fd, selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		r.Close()
		w.Close()
		Expect(s.Unregister(r.Fd)).Error().NotTo(HaveOccurred())
		Expect(s.Unregister(w.Fd)).Error().NotTo(HaveOccurred())
	})

	// Source: Lib/selectors.py: _PollLikeSelector.unregister, KqueueSelector.unregister ("This can
	// happen if the FD was closed since it was registered")
	// Python: test_selectors.py::BaseSelectorTestCase::test_unregister_after_fd_close_and_reuse
	It("unregisters fds closed and reused by dup2 since they were registered without an error", py(c.name, "test_unregister_after_fd_close_and_reuse"), func() {
		s := newSelector(c)
		r, w := onceSocketPair()
		_, err := s.Register(r.Fd, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		_, err = s.Register(w.Fd, selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		r2, w2 := onceSocketPair()
		r.Close()
		w.Close()
		Expect(unix.Dup2(r2.Fd, r.Fd)).To(Succeed())
		Expect(unix.Dup2(w2.Fd, w.Fd)).To(Succeed())
		support.Own(r.Fd)
		support.Own(w.Fd)
		Expect(s.Unregister(r.Fd)).Error().NotTo(HaveOccurred())
		Expect(s.Unregister(w.Fd)).Error().NotTo(HaveOccurred())
	})

	// Source: Lib/selectors.py: _BaseSelectorImpl._fileobj_lookup ("an exhaustive search in case
	// the object is invalid but we still have it in our map")
	// Python: test_selectors.py::BaseSelectorTestCase::test_unregister_after_socket_close
	It("unregisters sockets closed since they were registered, found by identity", py(c.name, "test_unregister_after_socket_close"), func() {
		s := newSelector(c)
		rd, wr := socketPair()
		_, err := s.Register(rd, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		_, err = s.Register(wr, selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		rd.Close()
		wr.Close()
		Expect(s.Unregister(rd)).Error().NotTo(HaveOccurred())
		Expect(s.Unregister(wr)).Error().NotTo(HaveOccurred())
	})

	// Source: Lib/selectors.py: _BaseSelectorImpl.modify, _PollLikeSelector.modify
	// Python: test_selectors.py::BaseSelectorTestCase::test_modify
	It("modifies the events or the data of a key; new data alone replaces the key in place, without unregistering", py(c.name, "test_modify"), func() {
		s := newSelector(c)
		rd, wr := socketPair()
		key, err := s.Register(rd, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		key2, err := s.Modify(rd, selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		Expect(key2.Events).NotTo(Equal(key.Events))
		Expect(s.GetKey(rd)).To(BeIdenticalTo(key2))
		Expect(s.Unregister(rd)).Error().NotTo(HaveOccurred())

		d1, d2 := new(int), new(int)
		key, err = s.Register(rd, selectors.EVENT_READ, d1)
		Expect(err).NotTo(HaveOccurred())
		key2, err = s.Modify(rd, selectors.EVENT_READ, d2)
		Expect(err).NotTo(HaveOccurred())
		Expect(key2.Events).To(Equal(key.Events))
		Expect(key2.Data).NotTo(BeIdenticalTo(key.Data))
		Expect(s.GetKey(rd)).To(BeIdenticalTo(key2))
		Expect(key2.Data).To(BeIdenticalTo(d2))

		_, err = s.Modify(999999, selectors.EVENT_READ)
		Expect(err).To(support.Raise(builtins.KeyError, "'999999 is not registered'"), "an unknown file object")

		// The shortcut: Python mocks register and unregister and sees them
		// not called; here, a key unregistered and registered again would
		// move to the end of the map, behind wr.
		_, err = s.Register(wr, selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		d3 := new(int)
		key3, err := s.Modify(rd, selectors.EVENT_READ, d3)
		Expect(err).NotTo(HaveOccurred())
		Expect(key3.Data).To(BeIdenticalTo(d3))
		Expect(slices.Collect(s.GetMap().Keys())).To(Equal([]int{fdOfConn(rd), fdOfConn(wr)}))
	})

	// Source: Lib/selectors.py: _PollLikeSelector.modify ("except: super().unregister(fileobj);
	// raise"); bpo-30014
	// Python: test_selectors.py::BaseSelectorTestCase::test_modify_unregister
	It("unregisters the file object when the underlying modify fails", py(c.name, "test_modify_unregister"), func() {
		if c.modifyFails == nil {
			Skip(c.skipModify)
		}
		s := newSelector(c)
		rd, _ := socketPair()
		_, err := s.Register(rd, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		Expect(s.GetMap().Len()).To(Equal(1))
		c.modifyFails(rd)
		_, err = s.Modify(rd, selectors.EVENT_WRITE)
		Expect(err).To(HaveOccurred())
		Expect(s.GetMap().Len()).To(Equal(0))
	})

	// Source: Lib/selectors.py: BaseSelector.get_key ("RuntimeError('Selector is closed')"),
	// _BaseSelectorImpl.close
	// Python: test_selectors.py::BaseSelectorTestCase::test_close
	It("after Close, GetKey is RuntimeError and a Map taken before is empty (KeyError)", py(c.name, "test_close"), func() {
		s := newSelector(c)
		mapping := s.GetMap()
		rd, wr := socketPair()
		Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
		Expect(s.Register(wr, selectors.EVENT_WRITE)).Error().NotTo(HaveOccurred())
		Expect(s.Close()).To(Succeed())
		for _, f := range []net.Conn{rd, wr} {
			_, err := s.GetKey(f)
			Expect(err).To(support.Raise(builtins.RuntimeError, "Selector is closed"))
			_, err = mapping.Get(f)
			Expect(errors.Is(err, builtins.KeyError)).To(BeTrue(), "%v", err)
		}
		// None: false, so "while sel.get_map():" ends, and None[f] is TypeError.
		Expect(s.GetMap().Len()).To(BeZero(), "get_map() is None, which is false")
		_, err := s.GetMap().Get(rd)
		Expect(err).To(support.Raise(builtins.TypeError, "'NoneType' object is not subscriptable"))
	})

	// Source: Lib/selectors.py: BaseSelector.get_key
	// Python: test_selectors.py::BaseSelectorTestCase::test_get_key
	It("returns the registered key for a file object, and KeyError for an unknown one", py(c.name, "test_get_key"), func() {
		s := newSelector(c)
		rd, _ := socketPair()
		key, err := s.Register(rd, selectors.EVENT_READ, "data")
		Expect(err).NotTo(HaveOccurred())
		Expect(s.GetKey(rd)).To(BeIdenticalTo(key))
		_, err = s.GetKey(999999)
		Expect(err).To(support.Raise(builtins.KeyError, "'999999 is not registered'"))
	})

	// Source: Lib/selectors.py: _SelectorMapping
	// Python: test_selectors.py::BaseSelectorTestCase::test_get_map
	It("GetMap is a read-only mapping of fds to keys, looked up by file object", py(c.name, "test_get_map"), func() {
		s := newSelector(c)
		rd, _ := socketPair()
		keys := s.GetMap()
		Expect(keys.Len()).To(Equal(0))
		Expect(slices.Collect(keys.Keys())).To(BeEmpty())
		key, err := s.Register(rd, selectors.EVENT_READ, "data")
		Expect(err).NotTo(HaveOccurred())
		_, in := keys.Lookup(rd)
		Expect(in).To(BeTrue(), "rd in keys")
		Expect(keys.Get(rd)).To(BeIdenticalTo(key))
		Expect(keys.Len()).To(Equal(1))
		Expect(slices.Collect(keys.Keys())).To(Equal([]int{fdOfConn(rd)}))
		Expect(slices.Collect(keys.Values())).To(Equal([]*selectors.SelectorKey[any]{key}))
		_, err = keys.Get(999999)
		Expect(err).To(support.Raise(builtins.KeyError, "'999999 is not registered'"))
		_, deletable := keys.(interface{ Delete(any) })
		Expect(deletable).To(BeFalse(), "read-only: del keys[rd] is TypeError in Python, no method in Go")
	})

	// Source: Lib/selectors.py: BaseSelector.select ("list of (key, events) for ready file objects")
	// Python: test_selectors.py::BaseSelectorTestCase::test_select
	It("reports the writable socket alone, with EVENT_WRITE", py(c.name, "test_select"), SpecTimeout(10*time.Second), func(ctx SpecContext) {
		s := newSelector(c)
		rd, wr := socketPair()
		Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
		wrKey, err := s.Register(wr, selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		result, err := s.Select(nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(result).To(Equal([]selectors.Ready[any]{{Key: wrKey, Events: selectors.EVENT_WRITE}}))
	})

	// Source: gh-110038 (KqueueSelector reported one of the two); Lib/selectors.py: KqueueSelector.select
	// Python: test_selectors.py::BaseSelectorTestCase::test_select_read_write
	It("reports read and write of one fd registered for both in a single Select", py(c.name, "test_select_read_write"), SpecTimeout(10*time.Second), func(ctx SpecContext) {
		s := newSelector(c)
		sock1, sock2 := socketPair()
		_, err := sock2.Write([]byte("foo"))
		Expect(err).NotTo(HaveOccurred())
		myKey, err := s.Register(sock1, selectors.EVENT_READ|selectors.EVENT_WRITE)
		Expect(err).NotTo(HaveOccurred())
		result, err := s.Select(nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(len(result)).To(BeNumerically("<=", 2))
		seenRead, seenWrite := false, false
		for _, r := range result {
			Expect(r.Key).To(BeIdenticalTo(myKey))
			Expect(r.Events &^ (selectors.EVENT_READ | selectors.EVENT_WRITE)).To(BeZero())
			if r.Events&selectors.EVENT_READ != 0 {
				Expect(seenRead).To(BeFalse())
				seenRead = true
			}
			if r.Events&selectors.EVENT_WRITE != 0 {
				Expect(seenWrite).To(BeFalse())
				seenWrite = true
			}
		}
		Expect(seenRead).To(BeTrue())
		Expect(seenWrite).To(BeTrue())
	})

	// Source: Lib/selectors.py: BaseSelector.__exit__ ("self.close()")
	// Python: test_selectors.py::BaseSelectorTestCase::test_context_manager
	It("defer Close, the with statement's Go form, closes it on leaving", py(c.name, "test_context_manager"), func() {
		s := newSelector(c)
		rd, wr := socketPair()
		func() {
			defer s.Close()
			Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
			Expect(s.Register(wr, selectors.EVENT_WRITE)).Error().NotTo(HaveOccurred())
		}()
		Expect(s.GetKey(rd)).Error().To(support.Raise(builtins.RuntimeError, "Selector is closed"))
		Expect(s.GetKey(wr)).Error().To(support.Raise(builtins.RuntimeError, "Selector is closed"))
	})

	// Source: Lib/selectors.py: EpollSelector.fileno, KqueueSelector.fileno
	// Python: test_selectors.py::BaseSelectorTestCase::test_fileno
	It("where it has Fileno, returns a non-negative descriptor", py(c.name, "test_fileno"), func() {
		s := newSelector(c)
		f, ok := s.(pyselect.FilenoErrer)
		if !ok {
			Skip("selectors." + c.name + " has no fileno() (as in Python)")
		}
		fd, err := f.Fileno()
		Expect(err).NotTo(HaveOccurred())
		Expect(fd).To(BeNumerically(">=", 0))
	})

	// Source: https://docs.python.org/3/library/selectors.html#examples
	// Python: test_selectors.py::BaseSelectorTestCase::test_selector
	It("drives 12 socket pairs, each read end reported only after its writer wrote", py(c.name, "test_selector"), SpecTimeout(30*time.Second), func(ctx SpecContext) {
		s := newSelector(c)
		const numSockets = 12
		msg := []byte(" This is a test.")
		var writers []any
		r2w, w2r := map[any]any{}, map[any]any{}
		for range numSockets {
			rd, wr := socketPair()
			Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
			Expect(s.Register(wr, selectors.EVENT_WRITE)).Error().NotTo(HaveOccurred())
			writers = append(writers, wr)
			r2w[rd], w2r[wr] = wr, rd
		}
		var bufs [][]byte
		for len(writers) > 0 {
			ready, err := s.Select(nil)
			Expect(err).NotTo(HaveOccurred())
			readyWriters := findReadyMatching(ready, selectors.EVENT_WRITE)
			Expect(readyWriters).NotTo(BeEmpty(), "no sockets ready for writing")
			wr := readyWriters[rand.IntN(len(readyWriters))].(*net.UnixConn)
			_, err = wr.Write(msg)
			Expect(err).NotTo(HaveOccurred())
			var readyReaders []any
			// There might be a delay between the write and the read end
			// being reported ready.
			Eventually(func() []any {
				ready, err := s.Select(0)
				Expect(err).NotTo(HaveOccurred())
				readyReaders = findReadyMatching(ready, selectors.EVENT_READ)
				return readyReaders
			}).WithTimeout(time.Second).WithPolling(100*time.Millisecond).ShouldNot(BeEmpty(), "no sockets ready for reading")
			Expect(readyReaders).To(Equal([]any{w2r[wr]}))
			rd := readyReaders[0].(*net.UnixConn)
			buf := make([]byte, len(msg))
			n, err := rd.Read(buf)
			Expect(err).NotTo(HaveOccurred())
			Expect(n).To(Equal(len(msg)))
			bufs = append(bufs, buf)
			Expect(s.Unregister(r2w[rd])).Error().NotTo(HaveOccurred())
			Expect(s.Unregister(rd)).Error().NotTo(HaveOccurred())
			writers = slices.DeleteFunc(writers, func(w any) bool { return w == r2w[rd] })
		}
		Expect(bufs).To(HaveLen(numSockets))
		for _, b := range bufs {
			Expect(b).To(Equal(msg))
		}
	})

	// Source: bpo-23009 (EpollSelector.select() with no fd registered: maxevents must be > 0)
	// Python: test_selectors.py::BaseSelectorTestCase::test_empty_select
	It("Select(0) with nothing registered returns an empty list", py(c.name, "test_empty_select"), func() {
		s := newSelector(c)
		Expect(s.Select(0)).To(BeEmpty())
	})

	// Source: Lib/selectors.py: BaseSelector.select ("if timeout <= 0, the select() call won't
	// block"); SEMANTICS.md#timeouts
	// Python: test_selectors.py::BaseSelectorTestCase::test_timeout
	It("polls with timeout 0 or -1 and waits a 1 s timeout out (0.8 to 2.0 s)", py(c.name, "test_timeout"), Label("slow"), SpecTimeout(20*time.Second), func(ctx SpecContext) {
		s := newSelector(c)
		rd, wr := socketPair()
		Expect(s.Register(wr, selectors.EVENT_WRITE)).Error().NotTo(HaveOccurred())
		t := time.Now()
		Expect(s.Select(0)).To(HaveLen(1))
		Expect(s.Select(-1)).To(HaveLen(1))
		Expect(time.Since(t)).To(BeNumerically("<", 500*time.Millisecond))

		Expect(s.Unregister(wr)).Error().NotTo(HaveOccurred())
		Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
		t = time.Now()
		Expect(s.Select(0)).To(BeEmpty())
		Expect(s.Select(-1)).To(BeEmpty())
		Expect(time.Since(t)).To(BeNumerically("<", 500*time.Millisecond))

		t0 := time.Now()
		Expect(s.Select(1)).To(BeEmpty())
		dt := time.Since(t0)
		Expect(dt).To(And(BeNumerically(">=", 800*time.Millisecond), BeNumerically("<=", 2*time.Second)))
	})

	// Source: https://docs.python.org/3/library/signal.html#signal.set_wakeup_fd (a Go signal
	// handler cannot raise into the goroutine that waits: it wakes the
	// selector through a registered fd, as Python's wakeup fd does)
	// Python: test_selectors.py::BaseSelectorTestCase::test_select_interrupt_exc
	It("a signal the program handles ends a 30 s Select early, through its wakeup fd", py(c.name, "test_select_interrupt_exc"), Label("signals"), SpecTimeout(20*time.Second), func(ctx SpecContext) {
		s := newSelector(c)
		rd, _ := socketPair()
		wakeR, wakeW := support.Pipe()
		sigs := notifySIGUSR2()
		go func() {
			if _, ok := <-sigs; ok {
				unix.Write(wakeW, []byte{0})
			}
		}()
		Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
		wakeKey, err := s.Register(wakeR, selectors.EVENT_READ)
		Expect(err).NotTo(HaveOccurred())
		time.AfterFunc(200*time.Millisecond, func() { unix.Kill(unix.Getpid(), unix.SIGUSR2) })
		t := time.Now()
		ready, err := s.Select(30)
		Expect(err).NotTo(HaveOccurred())
		Expect(ready).To(Equal([]selectors.Ready[any]{{Key: wakeKey, Events: selectors.EVENT_READ}}))
		Expect(time.Since(t)).To(BeNumerically("<", 5*time.Second))
	})

	// Source: PEP 475; Lib/selectors.py select ("except InterruptedError: return ready");
	// SEMANTICS.md#eintr
	// Python: test_selectors.py::BaseSelectorTestCase::test_select_interrupt_noraise
	It("retries a Select interrupted by signals with the time left, returning an empty list no earlier than its timeout", py(c.name, "test_select_interrupt_noraise"), Label("signals"), SpecTimeout(20*time.Second), func(ctx SpecContext) {
		s := newSelector(c)
		rd, _ := socketPair()
		notifySIGUSR2()
		Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
		stop := support.Storm(eintrPeriod, support.KillProcess(unix.SIGUSR2))
		t := time.Now()
		ready, err := s.Select(0.5)
		elapsed := time.Since(t)
		Expect(stop()).To(BeNumerically(">", 0), "signals were sent during the wait")
		Expect(err).NotTo(HaveOccurred())
		Expect(ready).To(BeEmpty())
		Expect(elapsed).To(BeNumerically(">=", 500*time.Millisecond))
	})

	if c.scalable { // ScalableSelectorMixIn
		// Source: Lib/selectors.py: DefaultSelector ("select() also can't accept a FD > FD_SETSIZE");
		// epoll(7), poll(2), kqueue(2)
		// Python: test_selectors.py::ScalableSelectorMixIn::test_above_fd_setsize
		It("handles as many socket pairs as RLIMIT_NOFILE's hard limit allows, above FD_SETSIZE", py(c.name, "test_above_fd_setsize"), Label("slow", "reliability"), SpecTimeout(5*time.Minute), func(ctx SpecContext) {
			var lim syscall.Rlimit
			Expect(syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)).To(Succeed())
			soft := lim.Cur
			numFds := int(soft)
			raised := lim
			raised.Cur = lim.Max
			if syscall.Setrlimit(syscall.RLIMIT_NOFILE, &raised) == nil {
				DeferCleanup(syscall.Setrlimit, syscall.RLIMIT_NOFILE, &lim)
				numFds = int(min(lim.Max, 1<<16))
			}
			numFds -= 32 + len(support.OpenFds()) // Python's guard, and this process's fds
			s := newSelector(c)
			var fds []int
			DeferCleanup(func() {
				for _, fd := range fds {
					unix.Close(fd)
				}
			})
			for range numFds / 2 {
				rd, wr, err := socketPairErr()
				if err != nil {
					Skip("FD limit reached: " + err.Error())
				}
				fds = append(fds, rd, wr)
				Expect(s.Register(rd, selectors.EVENT_READ)).Error().NotTo(HaveOccurred())
				_, err = s.Register(wr, selectors.EVENT_WRITE)
				if errors.Is(err, unix.ENOSPC) {
					Skip("FD limit reached (fs.epoll.max_user_watches)")
				}
				Expect(err).NotTo(HaveOccurred())
			}
			AddReportEntry("fds", len(fds))
			ready, err := s.Select(nil)
			Expect(err).NotTo(HaveOccurred())
			Expect(ready).To(HaveLen(numFds / 2))
		})

	}

	selectorSpecificSpecs(c)
}

// selectorSpecificSpecs are the tests of EpollSelectorTestCase and
// KqueueSelectorTestCase beside the shared ones.
func selectorSpecificSpecs(c selectorClass) {
	switch c.name {
	case "EpollSelector":
		// Source: epoll_ctl(2) ERRORS "EPERM The target file fd does not support epoll";
		// Lib/selectors.py: _PollLikeSelector.register ("except: super().unregister(fileobj); raise")
		// Python: test_selectors.py::EpollSelectorTestCase::test_register_file
		It("refuses a regular file with PermissionError (EPERM) and keeps no key for it", py(c.name, "test_register_file"), func() {
			s := newSelector(c)
			f, err := os.CreateTemp("", "selectors-")
			Expect(err).NotTo(HaveOccurred())
			DeferCleanup(os.Remove, f.Name())
			DeferCleanup(f.Close)
			_, err = s.Register(f, selectors.EVENT_READ)
			Expect(err).To(support.RaiseErrno(builtins.PermissionError, unix.EPERM))
			_, err = s.GetKey(f)
			Expect(errors.Is(err, builtins.KeyError)).To(BeTrue(), "%v", err)
		})
	case "KqueueSelector":
		// Source: kqueue(2) ERRORS "EBADF ... The specified descriptor is invalid";
		// Lib/selectors.py: KqueueSelector.register
		// Python: test_selectors.py::KqueueSelectorTestCase::test_register_bad_fd
		It("refuses a closed fd with OSError EBADF and keeps no key for it", py(c.name, "test_register_bad_fd"), func() {
			s := newSelector(c)
			bad := support.ClosedFd()
			_, err := s.Register(bad, selectors.EVENT_READ)
			Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
			_, err = s.GetKey(bad)
			Expect(errors.Is(err, builtins.KeyError)).To(BeTrue(), "%v", err)
		})

		// Source: bpo-29255 (kqueue ignores the timeout with maxevents 0); Lib/selectors.py:
		// KqueueSelector.select ("max_ev = self._max_events or 1")
		// Python: test_selectors.py::KqueueSelectorTestCase::test_empty_select_timeout
		It("with nothing registered, Select(1) waits its timeout out (0.8 to 2.0 s)", py(c.name, "test_empty_select_timeout"), Label("slow"), SpecTimeout(10*time.Second), func(ctx SpecContext) {
			s := newSelector(c)
			t0 := time.Now()
			Expect(s.Select(1)).To(BeEmpty())
			Expect(time.Since(t0)).To(And(BeNumerically(">=", 800*time.Millisecond), BeNumerically("<=", 2*time.Second)))
		})
	}
}
