// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix

package differential

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// fdBase is where the harness numbers its descriptors from (record.py's
// FD_BASE). The libraries under test make descriptors of their own at the
// lowest free numbers, and not always the same ones (a DragonFly Kqueue
// holds a private kqueue beside the queue, a Devpoll a pipe; CPython's do
// not). Kept apart from those,
// a closed resource's number is reused only by a later harness resource,
// the same one on both sides, so a step on a closed fd means the same in
// the recording and in the replay.
const fdBase = 256

// harnessFd moves fd to the lowest free number from fdBase, close-on-exec,
// and non-blocking if asked.
func harnessFd(fd int, nonblock bool) (int, error) {
	nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, fdBase)
	unix.Close(fd)
	if err != nil {
		return -1, err
	}
	if nonblock {
		unix.SetNonblock(nfd, true)
	}
	return nfd, nil
}

// addHarnessFd moves fd with harnessFd and names it.
func (w *World) addHarnessFd(name string, fd int, nonblock bool) error {
	nfd, err := harnessFd(fd, nonblock)
	if err != nil {
		return err
	}
	if err := w.addFd(name, nfd); err != nil {
		unix.Close(nfd)
		return err
	}
	return nil
}

func (r *replayer) addPair(st *Step, a, b int) error {
	names := st.Names()
	if len(names) != 2 {
		unix.Close(a)
		unix.Close(b)
		return scenarioErr("%s needs two names", st.Op)
	}
	if err := r.w.addHarnessFd(names[0], a, true); err != nil {
		unix.Close(b)
		return err
	}
	return r.w.addHarnessFd(names[1], b, true)
}

// harnessOps are the steps that set up resources and do I/O around the
// calls under test; record.py's HARNESS_OPS. They use raw descriptors,
// made non-blocking as record.py makes them, and never the os or net
// packages (whose finalizers and poller would own the fds). A failing
// system call is returned as its Errno, which the outcome records as
// class and errno only.
var harnessOps = ops{
	"pipe": func(r *replayer, st *Step) (any, error) {
		var p [2]int
		if err := unix.Pipe(p[:]); err != nil {
			return nil, err
		}
		return nil, r.addPair(st, p[0], p[1])
	},
	"socketpair": func(r *replayer, st *Step) (any, error) {
		typ := unix.SOCK_STREAM
		switch st.Type {
		case "", "stream":
		case "dgram":
			typ = unix.SOCK_DGRAM
		default:
			return nil, scenarioErr("socketpair type %q", st.Type)
		}
		p, err := unix.Socketpair(unix.AF_UNIX, typ, 0)
		if err != nil {
			return nil, err
		}
		return nil, r.addPair(st, p[0], p[1])
	},
	"socketpairs": func(r *replayer, st *Step) (any, error) {
		w := r.w
		prefix, _ := st.As.(string)
		for i := range st.Count {
			p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
			if err != nil {
				return nil, err
			}
			if err := w.addHarnessFd(fmt.Sprintf("%s_%d", prefix, 2*i), p[0], true); err != nil {
				unix.Close(p[1])
				return nil, err
			}
			if err := w.addHarnessFd(fmt.Sprintf("%s_%d", prefix, 2*i+1), p[1], true); err != nil {
				return nil, err
			}
		}
		return nil, nil
	},
	"tcp": func(r *replayer, st *Step) (any, error) {
		c, s, err := tcpPair()
		if err != nil {
			return nil, err
		}
		return nil, r.addPair(st, c, s)
	},
	"file": func(r *replayer, st *Step) (any, error) {
		w := r.w
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("file needs one name")
		}
		path, err := w.path(names[0])
		if err != nil {
			return nil, err
		}
		fd, err := unix.Open(path, unix.O_RDWR|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o600)
		if err != nil {
			return nil, err
		}
		return nil, w.addHarnessFd(names[0], fd, false)
	},
	"signal": func(r *replayer, st *Step) (any, error) {
		return nil, r.signalMain()
	},
	"fileobj":       onFd((*replayer).newFileObj),
	"fileobj.close": (*replayer).closeFileObj,
	// At the lowest free number from Min (fdBase if not given): "min":
	// 1024 makes an open fd beyond select's FD_SETSIZE.
	"dup": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		low := fdBase
		if st.Min != 0 {
			low = st.Min
		}
		nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, low)
		if err != nil {
			return nil, err
		}
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("dup needs one name")
		}
		return nil, r.w.addFd(names[0], nfd)
	}),
	// The number of Onto comes to refer to fd's file, under a new name:
	// a closed fd's number reused by another file.
	"dup2": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		w := r.w
		num, err := w.fd(st.Onto)
		if err != nil {
			return nil, err
		}
		names := st.Names()
		if len(names) != 1 {
			return nil, scenarioErr("dup2 needs one name")
		}
		if err := dupOnto(fd, num); err != nil {
			return nil, err
		}
		unix.SetNonblock(num, true)
		w.closed(st.Onto)
		return nil, w.addFd(names[0], num)
	}),
	"write": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		data := strings.Repeat("x", st.Size)
		if st.Data != nil {
			data = *st.Data
		}
		return unix.Write(fd, []byte(data))
	}),
	"send_oob": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		if st.Data == nil {
			return nil, scenarioErr("send_oob needs data")
		}
		if err := unix.Sendto(fd, []byte(*st.Data), unix.MSG_OOB, nil); err != nil {
			return nil, err
		}
		return len(*st.Data), nil
	}),
	"read": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		buf := make([]byte, st.Size)
		n, err := unix.Read(fd, buf)
		if err != nil {
			return nil, err
		}
		return latin1(buf[:n]), nil
	}),
	"drain": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		buf := make([]byte, 65536)
		for {
			n, err := unix.Read(fd, buf)
			if err == unix.EAGAIN || (err == nil && n == 0) {
				return nil, nil
			}
			if err != nil {
				return nil, err
			}
		}
	}),
	"fill": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		var stat unix.Stat_t
		if err := unix.Fstat(fd, &stat); err != nil {
			return nil, err
		}
		if stat.Mode&unix.S_IFMT == unix.S_IFREG {
			// A regular file never says EAGAIN: the loop would fill the disk.
			return nil, scenarioErr("fill of %s, a regular file, would never end", st.Fd)
		}
		for _, chunk := range []int{65536, 4096, 1} {
			buf := []byte(strings.Repeat("x", chunk))
			for {
				_, err := unix.Write(fd, buf)
				if err == unix.EAGAIN {
					break
				}
				if err != nil {
					return nil, err
				}
			}
		}
		return nil, nil
	}),
	"shutdown": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		how, ok := map[string]int{"RD": unix.SHUT_RD, "WR": unix.SHUT_WR, "RDWR": unix.SHUT_RDWR}[st.How]
		if !ok {
			return nil, scenarioErr("shutdown how %q", st.How)
		}
		return nil, unix.Shutdown(fd, how)
	}),
	"close": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		r.w.closed(st.Fd)
		return nil, unix.Close(fd)
	}),
	"reset": onFd(func(r *replayer, st *Step, fd int) (any, error) {
		if err := unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1, Linger: 0}); err != nil {
			return nil, err
		}
		r.w.closed(st.Fd)
		return nil, unix.Close(fd)
	}),
}

// onFd is a harness step on the fd named in "fd".
func onFd(f func(r *replayer, st *Step, fd int) (any, error)) op {
	return func(r *replayer, st *Step) (any, error) {
		fd, err := r.w.fd(st.Fd)
		if err != nil {
			return nil, err
		}
		return f(r, st, fd)
	}
}

// path is name in the scenario's temporary directory, made on first use
// (record.py's w_path).
func (w *World) path(name string) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.tmpdir == "" {
		dir, err := os.MkdirTemp("", "pyselect-replay-")
		if err != nil {
			return "", err
		}
		w.tmpdir = dir
	}
	return filepath.Join(w.tmpdir, name), nil
}

// tcpPair is a connected loopback TCP pair, made as record.py makes it:
// listener, client, accepted server, then the listener closed.
func tcpPair() (client, server int, err error) {
	l, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		return -1, -1, err
	}
	defer unix.Close(l)
	if err := unix.Bind(l, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		return -1, -1, err
	}
	if err := unix.Listen(l, 1); err != nil {
		return -1, -1, err
	}
	sa, err := unix.Getsockname(l)
	if err != nil {
		return -1, -1, err
	}
	c, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		return -1, -1, err
	}
	if err := unix.Connect(c, sa); err != nil {
		unix.Close(c)
		return -1, -1, err
	}
	s, _, err := unix.Accept(l)
	if err != nil {
		unix.Close(c)
		return -1, -1, err
	}
	return c, s, nil
}

// latin1 decodes bytes as record.py does (bytes.decode("latin-1")).
func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
