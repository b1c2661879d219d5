// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package conformance_test

import (
	"os"
	"os/exec"
	"os/signal"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// kqueue(2) semantics users rely on, through select.kqueue.control:
// the EV_* flags and the filters. The kernel's behaviour is passed
// through unchanged, so the man page is the source.

// kqueueExitStatus is, per OS, whether EVFILT_PROC's NOTE_EXIT puts the
// child's exit status in data, in wait(2)'s format: cited with the kernel
// function that fills data, or unknown (recorded on the first run).
var kqueueExitStatus = support.Rows[bool]{
	Name: "kqueueExitStatus",
	OS: map[string]support.Row[bool]{
		"freebsd":   support.Cited(true, "freebsd/freebsd-src sys/kern/kern_event.c: filt_proc (kn_data = KW_EXITCODE(p_xexit, p_xsig) for NOTE_EXIT)"),
		"netbsd":    support.Cited(true, "NetBSD/src sys/kern/kern_event.c: knote_proc_exit (kn_data = P_WAITSTATUS(p))"),
		"openbsd":   support.Cited(true, "openbsd/src sys/kern/kern_event.c: filt_proc (kn_data = W_EXITCODE(ps_xexit, ps_xsig) for NOTE_EXIT)"),
		"darwin":    support.Unknown[bool]("macOS kqueue(2) stores the status only with NOTE_EXITSTATUS, which Python does not export; bsd/kern/kern_event.c: filt_proc not read yet"),
		"dragonfly": support.Unknown[bool]("DragonFly kqueue(2) documents NOTE_EXIT without an exit status in data; sys/kern/kern_event.c: filt_proc not read yet"),
	},
}

// control is kq.control(changes, maxevents, timeout) that must succeed.
func control(kq *pyselect.Kqueue, changes []pyselect.Kevent, maxevents int, timeout any) []pyselect.Kevent {
	GinkgoHelper()
	evs, err := kq.Control(changes, maxevents, timeout)
	Expect(err).NotTo(HaveOccurred())
	return evs
}

var _ = describe("select.kqueue.control", "EV_* flags", kqLabels, func() {
	var kq *pyselect.Kqueue
	var r, w int
	BeforeEach(func() {
		kq = newKq()
		r, w = support.NonblockingPipe()
	})
	readable := func() []pyselect.Kevent { return control(kq, nil, 4, 0) }

	// Source: kqueue(2): "EV_ADD Adds the event to the kqueue." and
	// "EV_DELETE Removes the event from the kqueue."
	It("reports a filter after KQ_EV_ADD and no longer after KQ_EV_DELETE", func() {
		control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD)}, 0, nil)
		support.Write(w, []byte("x"))
		Expect(identFilters(readable())).To(ConsistOf(identFilter{uint64(r), pyselect.KQ_FILTER_READ}))
		control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 0, nil)
		Expect(readable()).To(BeEmpty())
	})

	// Source: kqueue(2): "EV_DISABLE Disable the event so kevent() will not
	// return it. The filter itself is not disabled." and "EV_ENABLE Permit
	// kevent() to return the event if it is triggered."
	It("holds back a filter added with KQ_EV_DISABLE until KQ_EV_ENABLE", func() {
		control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|pyselect.KQ_EV_DISABLE)}, 0, nil)
		support.Write(w, []byte("x"))
		Expect(readable()).To(BeEmpty())
		control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ENABLE)}, 0, nil)
		Expect(identFilters(readable())).To(ConsistOf(identFilter{uint64(r), pyselect.KQ_FILTER_READ}))
	})

	// Source: kqueue(2): "EV_ONESHOT Causes the event to return only the
	// first occurrence of the filter being triggered. After the user
	// retrieves the event from the kqueue, it is deleted."
	It("reports a KQ_EV_ONESHOT filter once, then has deleted it", func() {
		control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|pyselect.KQ_EV_ONESHOT)}, 0, nil)
		support.Write(w, []byte("x"))
		Expect(readable()).To(HaveLen(1))
		Expect(readable()).To(BeEmpty(), "still readable, but the filter is gone")
		_, err := kq.Control([]pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_DELETE)}, 0, 0)
		Expect(err).To(support.RaiseErrno(builtins.FileNotFoundError, unix.ENOENT))
	})

	// Source: kqueue(2): "EV_CLEAR After the event is retrieved by the
	// user, its state is reset. This is useful for filters which report
	// state transitions instead of the current state."
	It("reports a KQ_EV_CLEAR filter again only after a new transition", func() {
		control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|pyselect.KQ_EV_CLEAR)}, 0, nil)
		support.Write(w, []byte("x"))
		Expect(readable()).To(HaveLen(1))
		Expect(readable()).To(BeEmpty(), "the byte is unread, but the state was reset")
		support.Write(w, []byte("y"))
		evs := readable()
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Data).To(Equal(int64(2)))
	})

	// Source: kqueue(2) EVFILT_READ: "Fifos, Pipes: Returns when there is
	// data to read; data contains the number of bytes available. When the
	// last writer disconnects, the filter will set EV_EOF in flags."
	It("sets data to the bytes available, and KQ_EV_EOF once the writer is gone (EVFILT_READ)", func() {
		control(kq, []pyselect.Kevent{kev(r)}, 0, nil)
		support.Write(w, []byte("hello"))
		evs := readable()
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Data).To(Equal(int64(5)))
		Expect(evs[0].Flags & pyselect.KQ_EV_EOF).To(BeZero())
		Expect(unix.Close(w)).To(Succeed())
		evs = readable()
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Flags & pyselect.KQ_EV_EOF).NotTo(BeZero())
	})

	// Source: kqueue(2) EVFILT_READ on sockets: "If the read direction of
	// the socket has shutdown, then the filter also sets EV_EOF in flags".
	It("sets KQ_EV_EOF when the socket peer closes (EVFILT_READ)", func() {
		a, b := support.SocketPair(unix.SOCK_STREAM)
		control(kq, []pyselect.Kevent{kev(a)}, 0, nil)
		Expect(readable()).To(BeEmpty())
		Expect(unix.Close(b)).To(Succeed())
		evs := readable()
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Flags & pyselect.KQ_EV_EOF).NotTo(BeZero())
	})

	// Source: kqueue(2) EVFILT_WRITE: "Takes a descriptor as the identifier,
	// and returns whenever it is possible to write to the descriptor. For
	// sockets, pipes and fifos, data will contain the amount of space
	// remaining in the write buffer."
	It("reports a writable pipe with the space left, and not a full one (EVFILT_WRITE)", func() {
		control(kq, []pyselect.Kevent{kev(w, pyselect.KQ_FILTER_WRITE)}, 0, nil)
		evs := readable()
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Data).To(BeNumerically(">", 0))
		support.Fill(w)
		Expect(readable()).To(BeEmpty())
	})
})

var _ = describe("select.kqueue.control", "filters", kqLabels, func() {
	// Source: kqueue(2) EVFILT_TIMER: "Establishes an arbitrary timer
	// identified by ident. When adding a timer, data specifies the timeout
	// period in milliseconds. ... On return, data contains the number of
	// times the timeout has expired since the last call to kevent()."
	// The kernel counts the period in ticks of its clock (kern.clockrate;
	// NetBSD's and DragonFly's filt_timerattach convert it with mstohz /
	// tvtohz), and the first tick is already under way when the timer is
	// armed: on a 100 Hz kernel a 50 ms timer fires after 40 to 50 ms. The
	// floor is therefore the period in whole ticks, less one tick.
	It("fires a KQ_FILTER_TIMER after data milliseconds (to the kernel's tick), counting expirations", func(ctx SpecContext) {
		tick := kernelTick()
		floor := 50*time.Millisecond/tick*tick - tick
		kq := newKq()
		start := time.Now()
		evs := control(kq, []pyselect.Kevent{kev(1, pyselect.KQ_FILTER_TIMER, pyselect.KQ_EV_ADD|pyselect.KQ_EV_ONESHOT, 0, 50)}, 1, 10)
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Ident).To(Equal(uint64(1)))
		Expect(evs[0].Filter).To(Equal(int64(pyselect.KQ_FILTER_TIMER)))
		Expect(evs[0].Data).To(BeNumerically(">=", 1))
		Expect(time.Since(start)).To(BeNumerically(">=", floor), "kern.clockrate tick %v", tick)
		Expect(control(kq, nil, 1, 0.1)).To(BeEmpty(), "a one-shot timer fires once")
	}, SpecTimeout(30*time.Second))

	// Source: kqueue(2) EVFILT_SIGNAL: "Takes the signal number to monitor
	// as the identifier and returns when the given signal is delivered to
	// the process. This coexists with the signal() and sigaction()
	// facilities, and has a lower precedence. ... data returns the number
	// of times the signal has occurred since the last call to kevent()."
	It("reports a KQ_FILTER_SIGNAL when the signal is sent, alongside Go's handler", Label("signals"), func(ctx SpecContext) {
		sigs := make(chan os.Signal, 4)
		signal.Notify(sigs, unix.SIGUSR2)
		DeferCleanup(signal.Stop, sigs)
		kq := newKq()
		control(kq, []pyselect.Kevent{kev(int(unix.SIGUSR2), pyselect.KQ_FILTER_SIGNAL)}, 0, nil)
		Expect(unix.Kill(os.Getpid(), unix.SIGUSR2)).To(Succeed())
		evs := control(kq, nil, 1, 10)
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Ident).To(Equal(uint64(unix.SIGUSR2)))
		Expect(evs[0].Data).To(BeNumerically(">=", 1))
		Eventually(sigs).WithContext(ctx).Should(Receive(), "Go's handler still gets it")
	}, SpecTimeout(30*time.Second))

	// Source: kqueue(2) EVFILT_PROC: "Takes the process ID to monitor as the
	// identifier and the events to watch for in fflags, and returns when
	// the process performs one or more of the requested events. ...
	// NOTE_EXIT The process has exited." Whether data holds the exit status
	// differs per OS: kqueueExitStatus.
	It("reports KQ_NOTE_EXIT when a watched child exits", func(ctx SpecContext) {
		cmd := exec.CommandContext(ctx, "/bin/sh", "-c", "read x; exit 3")
		stdin, err := cmd.StdinPipe()
		Expect(err).NotTo(HaveOccurred())
		Expect(cmd.Start()).To(Succeed())
		DeferCleanup(func() { stdin.Close(); cmd.Wait() })
		kq := newKq()
		control(kq, []pyselect.Kevent{kev(cmd.Process.Pid, pyselect.KQ_FILTER_PROC, pyselect.KQ_EV_ADD, pyselect.KQ_NOTE_EXIT)}, 0, nil)
		Expect(control(kq, nil, 1, 0)).To(BeEmpty(), "still running")
		Expect(stdin.Close()).To(Succeed())
		evs := control(kq, nil, 1, 20)
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Ident).To(Equal(uint64(cmd.Process.Pid)))
		Expect(evs[0].Fflags & pyselect.KQ_NOTE_EXIT).NotTo(BeZero())
		status := unix.WaitStatus(evs[0].Data)
		kqueueExitStatus.Expect(status.Exited() && status.ExitStatus() == 3)
	}, SpecTimeout(60*time.Second))

	// Source: kqueue(2) EVFILT_VNODE: "Takes a file descriptor as the
	// identifier and the events to watch for in fflags, and returns when
	// one or more of the requested events occurs on the descriptor. ...
	// NOTE_WRITE A write occurred on the file referenced by the descriptor.
	// NOTE_EXTEND The file referenced by the descriptor was extended.
	// NOTE_ATTRIB The file referenced by the descriptor had its attributes
	// changed."
	It("reports KQ_NOTE_WRITE and KQ_NOTE_EXTEND on a file written to, KQ_NOTE_ATTRIB on chmod (EVFILT_VNODE)", func() {
		fd := support.TempFile()
		kq := newKq()
		notes := int64(pyselect.KQ_NOTE_WRITE | pyselect.KQ_NOTE_EXTEND | pyselect.KQ_NOTE_ATTRIB | pyselect.KQ_NOTE_DELETE)
		control(kq, []pyselect.Kevent{kev(fd, pyselect.KQ_FILTER_VNODE, pyselect.KQ_EV_ADD|pyselect.KQ_EV_CLEAR, notes)}, 0, nil)
		Expect(control(kq, nil, 1, 0)).To(BeEmpty())
		support.Write(fd, []byte("data"))
		evs := control(kq, nil, 1, 10)
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Fflags & pyselect.KQ_NOTE_WRITE).NotTo(BeZero())
		Expect(evs[0].Fflags & pyselect.KQ_NOTE_EXTEND).NotTo(BeZero())
		Expect(unix.Fchmod(fd, 0o600)).To(Succeed())
		evs = control(kq, nil, 1, 10)
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Fflags & pyselect.KQ_NOTE_ATTRIB).NotTo(BeZero())
	})

	// Source: kqueue(2) EVFILT_USER (FreeBSD 8, macOS 10.6, DragonFly):
	// "Establishes a user event identified by ident which is not associated
	// with any kernel mechanism but is triggered by user level code. ...
	// NOTE_TRIGGER Cause the event to be triggered." Python exports no
	// EVFILT_USER; a Kevent carries x/sys's value. Where x/sys has none,
	// kqueueUser.missing says why.
	It("triggers a user event (EVFILT_USER, where defined)", func(ctx SpecContext) {
		if kqueueUser.missing != "" {
			Skip(kqueueUser.missing)
		}
		kq := newKq()
		control(kq, []pyselect.Kevent{kev(7, kqueueUser.filter, pyselect.KQ_EV_ADD|pyselect.KQ_EV_CLEAR)}, 0, nil)
		Expect(control(kq, nil, 1, 0)).To(BeEmpty())
		control(kq, []pyselect.Kevent{kev(7, kqueueUser.filter, 0, kqueueUser.trigger)}, 0, nil)
		evs := control(kq, nil, 1, 10)
		Expect(evs).To(HaveLen(1))
		Expect(evs[0].Ident).To(Equal(uint64(7)))
		Expect(evs[0].Filter).To(Equal(kqueueUser.filter))
		Expect(control(kq, nil, 1, 0)).To(BeEmpty(), "EV_CLEAR reset it")
	}, SpecTimeout(30*time.Second))

	// Source: kqueue(2) (FreeBSD, macOS, OpenBSD): "EV_RECEIPT This flag is
	// useful for making bulk changes to a kqueue without draining any
	// pending events. When passed as input, it forces EV_ERROR to always be
	// returned. When a filter is successfully added the data field will be
	// zero." Python has no KQ_EV_RECEIPT; x/sys's value is used, and where
	// x/sys has none, kqueueReceipt.missing says why.
	It("answers each KQ_EV_ADD|EV_RECEIPT change with KQ_EV_ERROR and data 0, not with pending events", func() {
		if kqueueReceipt.missing != "" {
			Skip(kqueueReceipt.missing)
		}
		kq := newKq()
		r, w := support.Pipe()
		support.Write(w, []byte("x"))
		evs := control(kq, []pyselect.Kevent{kev(r, pyselect.KQ_FILTER_READ, pyselect.KQ_EV_ADD|kqueueReceipt.flag)}, 4, 0)
		Expect(evs).To(HaveLen(1), "the receipt only, not the pending read")
		Expect(evs[0].Flags & pyselect.KQ_EV_ERROR).NotTo(BeZero())
		Expect(evs[0].Data).To(BeZero())
		Expect(identFilters(control(kq, nil, 4, 0))).To(ConsistOf(identFilter{uint64(r), pyselect.KQ_FILTER_READ}))
	})
})

// kernelTick is one tick of the kernel's clock: 1/hz of sysctl
// kern.clockrate (struct clockinfo), which macOS and every BSD have.
func kernelTick() time.Duration {
	ci, err := unix.SysctlClockinfo("kern.clockrate")
	Expect(err).NotTo(HaveOccurred())
	Expect(ci.Hz).To(BeNumerically(">", 0))
	return time.Second / time.Duration(ci.Hz)
}
