// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build solaris

package conformance_test

import (
	"os"
	"os/exec"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/conformance/support"
	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/pyselect"
)

// What /dev/poll itself does with a devpoll object's descriptor, from
// poll(4D) (illumos) and poll(7D) (Solaris), which share their text.

// devpollChildWritesUnused says, per OS, whether a child process may write
// to an inherited /dev/poll that no process has used yet. illumos binds
// the instance to a process at its first write or DP_POLL, "allowing
// parents to create instances of /dev/poll for their children"; poll(7D)
// on Solaris says only that "Any attempt to write or do ioctl by the child
// process will result in an EACCES error", and its source is not public.
var devpollChildWritesUnused = support.Rows[bool]{
	Name: "devpollChildWritesUnused",
	OS: map[string]support.Row[bool]{
		"illumos": support.Cited(true, "illumos/illumos-gate usr/src/uts/common/io/devpoll.c: dpopen (pc_pid -1 until the first write or DP_POLL) and dpwrite (binds the instance to the writer)"),
		"solaris": support.Unknown[bool]("poll(7D) says a child's write fails with EACCES, but not whether an instance no process has used yet is bound at open; the kernel source is not public"),
	},
}

// childWrite runs a shell that writes one zeroed pollfd (8 bytes) to the
// descriptor f, its fd 3, and returns its error.
func childWrite(ctx SpecContext, f *os.File) error {
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", "dd if=/dev/zero bs=8 count=1 2>/dev/null 1>&3")
	cmd.ExtraFiles = []*os.File{f}
	return cmd.Run()
}

// dupFile is a dup of fd as an *os.File, closed when the spec ends: what
// a program hands a child (exec.Cmd.ExtraFiles) without giving up fd.
func dupFile(fd int) *os.File {
	GinkgoHelper()
	d, err := unix.Dup(fd)
	Expect(err).NotTo(HaveOccurred())
	f := os.NewFile(uintptr(d), "/dev/poll")
	DeferCleanup(f.Close)
	return f
}

var _ = describe("/dev/poll (the kernel)", "", dpLabels, func() {
	When("select.poll watches the devpoll's descriptor", func() {
		// Source: poll(4D) NOTES "The /dev/poll driver does not yet support
		// polling. Polling on a /dev/poll file descriptor will result in
		// POLLERR being returned in the revents field of pollfd structure"
		// (illumos devpoll.c: dppoll). A devpoll object is an fd argument
		// through its fileno().
		It("reports POLLERR, whatever the set holds", func() {
			dp := newDp()
			_, w := support.Pipe()
			p := pyselect.NewPoll()
			Expect(p.Register(dp, pyselect.POLLIN)).To(Succeed())
			Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: dpFileno(dp), Events: pyselect.POLLERR}}))
			Expect(dp.Register(w, pyselect.POLLOUT)).To(Succeed())
			Expect(dpPoll0(dp)).To(HaveLen(1))
			Expect(pollOnce(p)).To(Equal([]pyselect.Event{{Fd: dpFileno(dp), Events: pyselect.POLLERR}}))
		})
	})

	When("a child writes to an inherited /dev/poll", func() {
		// Source: poll(4D) NOTES "the /dev/poll file descriptor of a process
		// will be inherited by its child process ... Any attempt to write or
		// do ioctl by the child process will result in an EACCES error"
		// (illumos devpoll.c: dpwrite "if (pcp->pc_pid != -1) return
		// (EACCES)"). The devpoll fd is close-on-exec, so the child gets a
		// dup on purpose; the shell's write fails with it, and the parent's
		// set is untouched.
		It("fails once this process has used the instance, and the set stays this process's", func(ctx SpecContext) {
			dp := newDp()
			_, w := support.Pipe()
			Expect(dp.Register(w, pyselect.POLLOUT)).To(Succeed())
			Expect(dpPoll0(dp)).To(HaveLen(1), "this process has written to and polled the instance")
			Expect(childWrite(ctx, dupFile(dpFileno(dp)))).To(HaveOccurred(), "the child's write(2) is EACCES")
			Expect(dpPoll0(dp)).To(Equal([]pyselect.Event{{Fd: w, Events: pyselect.POLLOUT}}))
			_, polled := dpIsPolled(dpFileno(dp), 0)
			Expect(polled).To(BeFalse(), "the child registered nothing")
		}, SpecTimeout(30*time.Second))

		It("succeeds or fails as the OS binds an instance no process has used yet", func(ctx SpecContext) {
			dp := newDp()
			err := childWrite(ctx, dupFile(dpFileno(dp)))
			devpollChildWritesUnused.Expect(err == nil)
			if err == nil {
				// The child's write bound the unused instance to the child.
				Expect(dp.Register(0, pyselect.POLLIN)).To(Succeed())
				_, err = dp.Poll(0)
				Expect(err).To(support.RaiseErrno(builtins.PermissionError, unix.EACCES), "the instance is the child's now")
			} else {
				// The instance is bound to this process at open.
				Expect(dpPoll0(dp)).To(BeEmpty())
			}
		}, SpecTimeout(30*time.Second))
	})
})
