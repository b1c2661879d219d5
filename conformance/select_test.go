// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package conformance_test

import (
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// selectFdSetSize is FD_SETSIZE per OS, cited with the C library header
// that defines it, which x/sys mirrors in unix.FD_SETSIZE and unix.FdSet.
var selectFdSetSize = support.Rows[int]{
	Name: "selectFdSetSize",
	OS: map[string]support.Row[int]{
		"linux":     support.Cited(1024, "glibc misc/sys/select.h: FD_SETSIZE (__FD_SETSIZE, 1024)"),
		"darwin":    support.Cited(1024, "apple-oss-distributions/xnu bsd/sys/_types/_fd_def.h: __DARWIN_FD_SETSIZE 1024"),
		"freebsd":   support.Cited(1024, "freebsd/freebsd-src sys/sys/select.h: FD_SETSIZE 1024"),
		"openbsd":   support.Cited(1024, "openbsd/src sys/sys/select.h: FD_SETSIZE 1024"),
		"dragonfly": support.Cited(1024, "DragonFlyBSD/DragonFlyBSD sys/sys/fd_set.h: FD_SETSIZE 1024"),
		"netbsd":    support.Cited(256, "NetBSD/src sys/sys/fd_set.h: FD_SETSIZE 256"),
		"illumos":   support.Cited(65536, "illumos/illumos-gate usr/src/uts/common/sys/select.h: FD_SETSIZE 65536 for a 64-bit (_LP64) program"),
		"solaris":   support.Unknown[int]("Solaris <sys/select.h> sets FD_SETSIZE 65536 for a 64-bit (_LP64) program, as illumos does; Solaris 11.4's header is not public"),
	},
}

// selectSkipEBADF names the OSes where CPython itself skips
// test_select.py::test_errno: "skip because of a FreeBSD bug: kern/155606"
// (select(2) on a closed fd is not always EBADF there).
var selectSkipEBADF = map[string]string{
	"freebsd": "CPython skips test_errno on FreeBSD: kern/155606 (select on a closed fd)",
}

// readyWriter returns a pipe's write end: writable at once.
func readyWriter() int { _, w := support.Pipe(); return w }

var _ = describe("select.select", "", Label("api:select"), func() {
	// Source: test_select.py::test_error_conditions (Nope, Almost,
	// "not a number", -1). select(1, 2, 3) ("arguments 1-3 must be
	// sequences") has no Go form: Select takes slices.
	It("rejects a non-fd element and a bad timeout with TypeError and ValueError", func() {
		_, _, _, err := pyselect.Select([]any{support.Nope{}}, nil, nil, nil)
		Expect(err).To(support.Raise(builtins.TypeError, "argument must be an int, or have a fileno() method."))
		_, _, _, err = pyselect.Select([]any{support.Almost{}}, nil, nil, nil)
		Expect(err).To(support.Raise(builtins.TypeError, ""))
		_, _, _, err = pyselect.Select([]int{}, nil, nil, "not a number")
		Expect(err).To(support.Raise(builtins.TypeError, "timeout must be a float or None"))
		_, _, _, err = pyselect.Select([]int{}, nil, nil, -1)
		Expect(err).To(support.Raise(builtins.ValueError, "timeout must be non-negative"))
	})

	When("an fd in a list is closed", func() {
		// Source: test_select.py::test_errno "select.select([fd], [], [], 0)
		// ... self.assertEqual(err.errno, errno.EBADF)"; select(2) ERRORS
		// "EBADF An invalid file descriptor was given in one of the sets".
		DescribeTable("fails with OSError [Errno 9] Bad file descriptor",
			func(list int) {
				if why, ok := selectSkipEBADF[runtime.GOOS]; ok {
					Skip(why)
				}
				var lists [3][]int
				lists[list] = []int{support.ClosedFd()}
				_, _, _, err := pyselect.Select(lists[0], lists[1], lists[2], 0)
				Expect(err).To(support.RaiseErrno(builtins.OSError, unix.EBADF))
				Expect(err).To(support.Raise(builtins.OSError, "[Errno 9] Bad file descriptor"))
			},
			Entry("When it is in rlist", 0),
			Entry("When it is in wlist", 1),
			Entry("When it is in xlist", 2),
		)
	})

	// Source: test_select.py::test_returned_list_identity (bpo-8329):
	// "r, w, x = select.select([], [], [], 1); assertIsNot(r, w) ...". In Go
	// the claim is that the three results share no storage with each other
	// or with the input.
	It("returns three distinct new lists: writing to one changes neither the others nor the input", func() {
		r, w := support.Pipe()
		support.Write(w, []byte("x"))
		in := []int{r, w}
		rl, wl, xl, err := pyselect.Select(in, in, in, 1)
		Expect(err).NotTo(HaveOccurred())
		Expect(rl).To(Equal([]int{r}))
		Expect(wl).To(Equal([]int{w}))
		Expect(xl).To(BeEmpty())
		rl[0] = -7
		rl = append(rl, -8)
		xl = append(xl, -9)
		Expect(wl).To(Equal([]int{w}))
		Expect(in).To(Equal([]int{r, w}))
		Expect(rl).To(Equal([]int{-7, -8}))
		Expect(xl).To(Equal([]int{-9}))
	})

	// Python: test_select.py::test_returned_list_identity
	It("returns three empty, non-nil lists when nothing is ready", func() {
		r, _ := support.Pipe()
		rl, wl, xl, err := pyselect.Select([]int{r}, nil, nil, 0)
		Expect(err).NotTo(HaveOccurred())
		for _, l := range [][]int{rl, wl, xl} {
			Expect(l).NotTo(BeNil())
			Expect(l).To(BeEmpty())
		}
	})

	// Source: test_select.py::test_select: a subprocess's stdout pipe read
	// with timeouts (0, 1, 2, 4, 8, 16) + (None,)*10; wlist and xlist stay
	// empty, rlist is [] or exactly [pipe] (the same object); read to EOF.
	// The child here is /bin/sh printing "testing..." ten times.
	It("reads a child process's output to EOF, rlist being [] or exactly the caller's *os.File", func(ctx SpecContext) {
		pipe := support.Shell("for i in 0 1 2 3 4 5 6 7 8 9; do echo testing...; sleep 0.02; done")
		var got []byte
		buf := make([]byte, 4096)
		timeouts := []any{0, 1, 2, 4, 8, 16}
		eof := false
		for i := 0; i < 100 && !eof; i++ {
			var timeout any // None once the timed calls are used up
			if i < len(timeouts) {
				timeout = timeouts[i]
			}
			rl, wl, xl, err := pyselect.Select([]*os.File{pipe}, nil, nil, timeout)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(BeEmpty())
			Expect(xl).To(BeEmpty())
			if len(rl) == 0 {
				continue
			}
			Expect(rl).To(HaveLen(1))
			Expect(rl[0]).To(BeIdenticalTo(pipe))
			n, err := pipe.Read(buf)
			got = append(got, buf[:n]...)
			eof = errors.Is(err, io.EOF)
		}
		Expect(eof).To(BeTrue(), "EOF reached")
		Expect(string(got)).To(Equal(strings.Repeat("testing...\n", 10)))
	}, SpecTimeout(20*time.Second))

	// Source: test_select.py::test_select_mutated (bpo-16230: "Crash on
	// select resized list"): fileno() deletes list items during conversion;
	// CPython re-reads the live list and returns ([], a[:5], []). Go passes
	// the slice header by value: Select reads the elements it was given,
	// once (sys/pyselect Select doc, "Differences from Python").
	It("does not crash when Fileno() shrinks the caller's slice during conversion, and reads the slice it was given", func() {
		w := readyWriter()
		var a []any
		for range 10 {
			a = append(a, shrinker{&a, w})
		}
		given := append([]any(nil), a...)
		var wl []any
		var err error
		Expect(func() { _, wl, _, err = pyselect.Select(nil, given, nil, nil) }).NotTo(Panic())
		Expect(err).NotTo(HaveOccurred())
		Expect(a).To(BeEmpty(), "each Fileno() call removed one element")
		Expect(wl).To(Equal(given))
	})

	When("elements are objects", func() {
		// Source: https://docs.python.org/3/library/select.html#select.select
		// "The return value is a triple of lists of objects that are ready:
		// subsets of the first three arguments"; probed: [w2, w] -> [6, 4].
		It("returns the caller's own elements in input order, not fd order", func() {
			w1, w2 := readyWriter(), readyWriter()
			_, wl, _, err := pyselect.Select(nil, []int{w2, w1}, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(Equal([]int{w2, w1}))
			_, wl, _, err = pyselect.Select(nil, []int{w1, w2}, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(Equal([]int{w1, w2}))
		})

		// Source: SEMANTICS.md#select-duplicates (Duplicates are allowed.
		// select([], [w, w, w], [], 0) -> ([], [w, w, w], [])) (probed).
		It("keeps duplicates, each as given", func() {
			w := readyWriter()
			f := support.FilenoObj(w)
			_, wl, _, err := pyselect.Select(nil, []any{w, f, w}, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(HaveLen(3))
			Expect(wl[0]).To(BeIdenticalTo(w))
			Expect(wl[1]).To(BeIdenticalTo(f))
			Expect(wl[2]).To(BeIdenticalTo(w))
		})

		// Source: SEMANTICS.md#select-result (Each list holds the original objects passed in ...
		// select([], [fobj, w], [], 0) -> ([], [fobj, 4], [])) (probed).
		It("returns *os.File elements as the same pointers, in a []*os.File", func() {
			// The read ends are kept and closed by the spec: left to the
			// garbage collector they would close at a random moment later,
			// and the leak checks would see it.
			_, w1 := support.FilePipe()
			_, w2 := support.FilePipe()
			_, wl, _, err := pyselect.Select(nil, []*os.File{w2, w1}, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(HaveLen(2))
			Expect(wl[0]).To(BeIdenticalTo(w2))
			Expect(wl[1]).To(BeIdenticalTo(w1))
		})

		// Source: SEMANTICS.md#select-duplicates (The same fd may appear in several lists, and each
		// list is evaluated independently); select(2) readfds/writefds.
		It("evaluates the same fd independently in each list", func() {
			r, w := support.Pipe()
			support.Write(w, []byte("x"))
			rl, wl, xl, err := pyselect.Select([]int{r, w}, []int{r, w}, []int{r, w}, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(rl).To(Equal([]int{r}))
			Expect(wl).To(Equal([]int{w}))
			Expect(xl).To(BeEmpty())
		})
	})

	When("a socket has urgent (out-of-band) data", func() {
		// Source: select(2) "exceptfds ... the set is watched for
		// 'exceptional conditions' ... such as out-of-band data on a TCP
		// socket"; tcp(7) MSG_OOB.
		It("reports the socket in xlist", func(ctx SpecContext) {
			client, server := support.TCPPair()
			rc, err := client.SyscallConn()
			Expect(err).NotTo(HaveOccurred())
			var serr error
			Expect(rc.Write(func(fd uintptr) bool {
				serr = unix.Sendto(int(fd), []byte("!"), unix.MSG_OOB, nil)
				return true
			})).To(Succeed())
			Expect(serr).NotTo(HaveOccurred())
			_, _, xl, err := pyselect.Select(nil, nil, []any{server}, 5.0)
			Expect(err).NotTo(HaveOccurred())
			Expect(xl).To(HaveLen(1))
			Expect(xl[0]).To(BeIdenticalTo(server))
		}, SpecTimeout(10*time.Second))
	})

	When("the timeout is nil (None) and data arrives later", func() {
		// Source: Python docs "When the timeout argument is omitted the
		// function blocks until at least one file descriptor is ready".
		It("blocks until the data arrives, then reports it", func(ctx SpecContext) {
			r, w := support.Pipe()
			done := make(chan []int, 1)
			go func() {
				defer GinkgoRecover()
				rl, _, _, err := pyselect.Select([]int{r}, nil, nil, nil)
				Expect(err).NotTo(HaveOccurred())
				done <- rl
			}()
			Consistently(done).WithTimeout(100 * time.Millisecond).ShouldNot(Receive())
			support.Write(w, []byte("x"))
			Eventually(done).WithTimeout(5 * time.Second).Should(Receive(Equal([]int{r})))
		}, SpecTimeout(10*time.Second))
	})

	Describe("FD_SETSIZE", func() {
		// Source: select(2) "FD_SETSIZE ... 1024"; per OS, the header each
		// row of selectFdSetSize cites.
		It("is the C library's FD_SETSIZE for this OS", func() {
			selectFdSetSize.Expect(pyselect.FD_SETSIZE)
		})

		// Source: CPython seq2set / _PyIsSelectable_fd: "filedescriptor out
		// of range in select()" (probed: select([1024],[],[]), in each
		// list); x/sys FdSet.Set would panic there.
		DescribeTable("rejects an fd >= FD_SETSIZE with ValueError, never a panic or a write past the fd_set",
			func(list int, fd func() int) {
				var lists [3][]int
				lists[list] = []int{fd()}
				var err error
				Expect(func() { _, _, _, err = pyselect.Select(lists[0], lists[1], lists[2], 0) }).NotTo(Panic())
				Expect(err).To(support.Raise(builtins.ValueError, "filedescriptor out of range in select()"))
			},
			Entry("When FD_SETSIZE is in rlist", 0, func() int { return pyselect.FD_SETSIZE }),
			Entry("When FD_SETSIZE is in wlist", 1, func() int { return pyselect.FD_SETSIZE }),
			Entry("When FD_SETSIZE is in xlist", 2, func() int { return pyselect.FD_SETSIZE }),
			Entry("When 2**31-1 (C INT_MAX) is in rlist", 0, func() int { return 1<<31 - 1 }),
		)

		// Source: CPython seq2set "too many file descriptors in select()";
		// SEMANTICS.md#select-limits ([w]*1024 is OK; [w]*1025 fails. The limit applies per list)
		// (probed), duplicates counted.
		DescribeTable("accepts FD_SETSIZE elements in a list and rejects one more with ValueError",
			func(list int) {
				w := readyWriter()
				var lists [3][]int
				lists[list] = repeat(w, pyselect.FD_SETSIZE)
				rl, wl, xl, err := pyselect.Select(lists[0], lists[1], lists[2], 0)
				Expect(err).NotTo(HaveOccurred())
				Expect(len(rl) + len(wl) + len(xl)).To(Equal(map[int]int{0: 0, 1: pyselect.FD_SETSIZE, 2: 0}[list]))
				lists[list] = repeat(w, pyselect.FD_SETSIZE+1)
				_, _, _, err = pyselect.Select(lists[0], lists[1], lists[2], 0)
				Expect(err).To(support.Raise(builtins.ValueError, "too many file descriptors in select()"))
			},
			Entry("When the list is rlist", 0),
			Entry("When the list is wlist", 1),
			Entry("When the list is xlist", 2),
		)

		// Source: SEMANTICS.md#select-limits (The fd-range check runs before the count check for
		// each item) (probed: [w]*1024+[1024] -> "filedescriptor out of
		// range in select()").
		It("checks an element's range before the list's length", func() {
			w := readyWriter()
			_, _, _, err := pyselect.Select(append(repeat(w, pyselect.FD_SETSIZE), pyselect.FD_SETSIZE), nil, nil, 0)
			Expect(err).To(support.Raise(builtins.ValueError, "filedescriptor out of range in select()"))
		})
	})

	// Source: SEMANTICS.md#timeout-order (Order of checks, select.select: timeout parsed first, then
	// rlist, wlist, xlist in that order) (probed: select([None],[],[],-1)
	// -> ValueError; select([None],[-1],[],0) -> TypeError;
	// select([],[-1],[None],0) -> ValueError; select([],[],[None],'x') ->
	// TypeError "timeout must be a float or None").
	DescribeTable("checks the timeout first, then rlist, wlist and xlist in order",
		func(r, w, x []any, timeout any, cls builtins.Exception, msg string) {
			_, _, _, err := pyselect.Select(r, w, x, timeout)
			Expect(err).To(support.Raise(cls, msg))
		},
		Entry("When rlist is bad and the timeout is -1, it reports the timeout", []any{nil}, nil, nil, -1, builtins.ValueError, "timeout must be non-negative"),
		Entry("When xlist is bad and the timeout is a string, it reports the timeout", nil, nil, []any{nil}, "x", builtins.TypeError, "timeout must be a float or None"),
		Entry("When rlist and wlist are bad, it reports rlist", []any{nil}, []any{-1}, nil, 0, builtins.TypeError, "argument must be an int, or have a fileno() method."),
		Entry("When wlist and xlist are bad, it reports wlist", nil, []any{-1}, []any{nil}, 0, builtins.ValueError, "file descriptor cannot be a negative integer (-1)"),
		Entry("When only xlist is bad, it reports xlist", nil, nil, []any{-2}, 0, builtins.ValueError, "file descriptor cannot be a negative integer (-2)"),
	)

	Describe("pipes (kernel semantics)", func() {
		// Source: pipe(7) "If a process attempts to write to a full pipe
		// ... write(2) blocks"; select(2) "writefds ... a write will not
		// block". A drained pipe is writable again.
		It("does not report a full pipe writable, and reports it writable again after a drain", func() {
			r, w := support.NonblockingPipe()
			Expect(support.Fill(w)).To(BeNumerically(">", 0))
			_, wl, _, err := pyselect.Select(nil, []int{w}, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(BeEmpty())
			Expect(support.Drain(r)).To(BeNumerically(">", 0))
			_, wl, _, err = pyselect.Select(nil, []int{w}, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(wl).To(Equal([]int{w}))
		})

		// Source: https://docs.python.org/3/library/select.html#select.PIPE_BUF
		// "The minimum number of bytes which can be written without blocking
		// to a pipe when the pipe has been reported as ready for writing by
		// select(), poll() or another interface in this module"; pipe(7)
		// "PIPE_BUF ... writes of up to PIPE_BUF bytes are atomic".
		It("reports a full pipe writable only once select.PIPE_BUF bytes fit, and then a PIPE_BUF write goes through whole", func() {
			writable := func(w int) bool {
				_, wl, _, err := pyselect.Select(nil, []int{w}, nil, 0)
				Expect(err).NotTo(HaveOccurred())
				return len(wl) == 1
			}
			expectPipeBufAtomic(writable)
		})

		// Source: pipe(7) "If all file descriptors referring to the write
		// end of a pipe have been closed, then an attempt to read(2) from
		// the pipe will see end-of-file"; select(2) "readfds ... a read will
		// not block (end-of-file counts)".
		It("reports the read end readable once the write end is closed (EOF)", func() {
			r, w := support.Pipe()
			Expect(unix.Close(w)).To(Succeed())
			rl, _, _, err := pyselect.Select([]int{r}, nil, nil, 0)
			Expect(err).NotTo(HaveOccurred())
			Expect(rl).To(Equal([]int{r}))
		})
	})
})

// shrinker is test_select_mutated's F: its Fileno() deletes the last
// element of the caller's list and returns a writable fd.
type shrinker struct {
	a  *[]any
	fd int
}

func (s shrinker) Fileno() int {
	if n := len(*s.a); n > 0 {
		*s.a = (*s.a)[:n-1]
	}
	return s.fd
}

func repeat(fd, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = fd
	}
	return s
}

// expectPipeBufAtomic checks the PIPE_BUF guarantee with writable (select's
// or poll's view of a pipe's write end): fill the pipe; reading
// PIPE_BUF-1 bytes must not make it writable (at most PIPE_BUF-1 bytes fit);
// reading on in PIPE_BUF chunks, once it is reported writable a write of
// PIPE_BUF bytes must go through whole.
func expectPipeBufAtomic(writable func(w int) bool) {
	GinkgoHelper()
	r, w := support.NonblockingPipe()
	Expect(support.Fill(w)).To(BeNumerically(">", 0))
	Expect(writable(w)).To(BeFalse(), "a full pipe is not writable")
	buf := make([]byte, pyselect.PIPE_BUF)
	n, err := unix.Read(r, buf[:pyselect.PIPE_BUF-1])
	Expect(err).NotTo(HaveOccurred())
	Expect(n).To(Equal(pyselect.PIPE_BUF - 1))
	Expect(writable(w)).To(BeFalse(), "after reading PIPE_BUF-1 bytes, fewer than PIPE_BUF bytes fit")
	for i := 0; !writable(w); i++ {
		Expect(i).To(BeNumerically("<", 1<<12), "the pipe never became writable")
		_, err := unix.Read(r, buf)
		Expect(err).NotTo(HaveOccurred())
	}
	n, err = unix.Write(w, buf)
	Expect(err).NotTo(HaveOccurred())
	Expect(n).To(Equal(pyselect.PIPE_BUF), "a PIPE_BUF write to a pipe reported writable is whole")
}
