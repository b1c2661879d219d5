// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package conformance_test

import (
	"runtime"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/pyselect/pyselect/sys/pyselect"
)

// The values on the right were printed by CPython 3.11.7 on Linux x86-64
// (python3 -c "import select; print(select.EPOLLIN, ...)"), the names are
// those of dir(select) (SEMANTICS.md#constants-linux). A constant that is missing or
// misnamed does not compile; a wrong value fails its entry.
var _ = describe("select", "constants (Linux)", Label("os:linux"), func() {
	// Source: SEMANTICS.md#constants-linux (Linux constant values (probed, 3.11.7, x86-64));
	// Python docs select "EPOLLIN Available for read ... EPOLLET Set Edge Trigger
	// behavior", all added with PyModule_AddIntConstant so EPOLLET is positive.
	DescribeTable("has CPython's name and value",
		func(got, want int64) {
			Expect(got).To(Equal(want))
			Expect(got).To(BeNumerically(">", 0), "every constant is a non-negative Python int (EPOLLET included)")
		},
		Entry("EPOLLERR = 8", Label("api:epoll"), int64(pyselect.EPOLLERR), int64(8)),
		Entry("EPOLLET = 2147483648", Label("api:epoll"), int64(pyselect.EPOLLET), int64(2147483648)),
		Entry("EPOLLEXCLUSIVE = 268435456", Label("api:epoll"), int64(pyselect.EPOLLEXCLUSIVE), int64(268435456)),
		Entry("EPOLLHUP = 16", Label("api:epoll"), int64(pyselect.EPOLLHUP), int64(16)),
		Entry("EPOLLIN = 1", Label("api:epoll"), int64(pyselect.EPOLLIN), int64(1)),
		Entry("EPOLLMSG = 1024", Label("api:epoll"), int64(pyselect.EPOLLMSG), int64(1024)),
		Entry("EPOLLONESHOT = 1073741824", Label("api:epoll"), int64(pyselect.EPOLLONESHOT), int64(1073741824)),
		Entry("EPOLLOUT = 4", Label("api:epoll"), int64(pyselect.EPOLLOUT), int64(4)),
		Entry("EPOLLPRI = 2", Label("api:epoll"), int64(pyselect.EPOLLPRI), int64(2)),
		Entry("EPOLLRDBAND = 128", Label("api:epoll"), int64(pyselect.EPOLLRDBAND), int64(128)),
		Entry("EPOLLRDHUP = 8192", Label("api:epoll"), int64(pyselect.EPOLLRDHUP), int64(8192)),
		Entry("EPOLLRDNORM = 64", Label("api:epoll"), int64(pyselect.EPOLLRDNORM), int64(64)),
		Entry("EPOLLWRBAND = 512", Label("api:epoll"), int64(pyselect.EPOLLWRBAND), int64(512)),
		Entry("EPOLLWRNORM = 256", Label("api:epoll"), int64(pyselect.EPOLLWRNORM), int64(256)),
		Entry("EPOLL_CLOEXEC = 524288", Label("api:epoll"), int64(pyselect.EPOLL_CLOEXEC), int64(524288)),
		Entry("POLLERR = 8", Label("api:poll"), int64(pyselect.POLLERR), int64(8)),
		Entry("POLLHUP = 16", Label("api:poll"), int64(pyselect.POLLHUP), int64(16)),
		Entry("POLLIN = 1", Label("api:poll"), int64(pyselect.POLLIN), int64(1)),
		Entry("POLLMSG = 1024", Label("api:poll"), int64(pyselect.POLLMSG), int64(1024)),
		Entry("POLLNVAL = 32", Label("api:poll"), int64(pyselect.POLLNVAL), int64(32)),
		Entry("POLLOUT = 4", Label("api:poll"), int64(pyselect.POLLOUT), int64(4)),
		Entry("POLLPRI = 2", Label("api:poll"), int64(pyselect.POLLPRI), int64(2)),
		Entry("POLLRDBAND = 128", Label("api:poll"), int64(pyselect.POLLRDBAND), int64(128)),
		Entry("POLLRDHUP = 8192", Label("api:poll"), int64(pyselect.POLLRDHUP), int64(8192)),
		Entry("POLLRDNORM = 64", Label("api:poll"), int64(pyselect.POLLRDNORM), int64(64)),
		Entry("POLLWRBAND = 512 (0x100 on MIPS)", Label("api:poll"), int64(pyselect.POLLWRBAND), epollPerArch(512, 0x100)),
		Entry("POLLWRNORM = 256 (POLLOUT = 4 on MIPS)", Label("api:poll"), int64(pyselect.POLLWRNORM), epollPerArch(256, 4)),
		Entry("PIPE_BUF = 4096", Label("api:select"), int64(pyselect.PIPE_BUF), int64(4096)),
	)

	// Source: include/uapi/linux/eventpoll.h defines EPOLLIN ... EPOLLRDHUP with
	// the values of asm-generic/poll.h, so on every architecture but MIPS (whose
	// asm/poll.h moves POLLWRNORM and POLLWRBAND) each EPOLL event bit equals its
	// POLL twin, in Python as in C.
	It("gives each EPOLL event bit the value of its POLL twin", Label("api:epoll", "api:poll"), func() {
		Expect([]pyselect.Mask{pyselect.EPOLLIN, pyselect.EPOLLPRI, pyselect.EPOLLOUT, pyselect.EPOLLERR, pyselect.EPOLLHUP,
			pyselect.EPOLLRDNORM, pyselect.EPOLLRDBAND, pyselect.EPOLLMSG, pyselect.EPOLLRDHUP}).
			To(Equal([]pyselect.Mask{pyselect.POLLIN, pyselect.POLLPRI, pyselect.POLLOUT, pyselect.POLLERR, pyselect.POLLHUP,
				pyselect.POLLRDNORM, pyselect.POLLRDBAND, pyselect.POLLMSG, pyselect.POLLRDHUP}))
		Expect(int64(pyselect.EPOLLWRNORM)).To(Equal(epollPerArch(int64(pyselect.POLLWRNORM), 0x100)))
		Expect(int64(pyselect.EPOLLWRBAND)).To(Equal(epollPerArch(int64(pyselect.POLLWRBAND), 0x200)))
	})
})

// epollPerArch is the value CPython has on this GOARCH: generic on every
// Linux port but MIPS, whose arch/mips/include/uapi/asm/poll.h defines
// POLLWRNORM as POLLOUT and POLLWRBAND as 0x100.
func epollPerArch(generic, mips int64) int64 {
	if strings.HasPrefix(runtime.GOARCH, "mips") {
		return mips
	}
	return generic
}
