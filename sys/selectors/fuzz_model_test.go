// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !solaris

package selectors_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/selectors"
)

// Model-based fuzzing of the selectors: a fuzz input is a selector class
// and a sequence of operations on a few socket pairs. A reference model,
// written from Lib/selectors.py, keeps the keys the selector must hold
// (fd -> key, in dict order) and says what each call must return: the
// key itself (the same *SelectorKey, as Python returns the same tuple),
// or CPython's exception and message. Which descriptors are ready is
// asked of the kernel, fd by fd, with poll(2), and mapped to EVENT_READ
// and EVENT_WRITE as each class maps its poller's events.

// A fmFile is a Python file object over an fd: Fileno gives the fd until
// the fd is closed under it, then fails as a closed io.FileIO's fileno()
// does, so the selector must find its key by identity.
type fmFile struct {
	fd     int
	closed bool
}

func (f *fmFile) Fileno() (int, error) {
	if f.closed {
		return -1, &builtins.Error{Exception: builtins.ValueError, Message: "I/O operation on closed file"}
	}
	return f.fd, nil
}

// fmWorld is the descriptors a sequence owns: the open fds, the fd
// numbers it has used (open or closed) for ops to pick from, and one file
// object per open fd.
type fmWorld struct {
	t     *testing.T
	open  map[int]bool
	nums  []int
	files map[int]*fmFile
}

func (w *fmWorld) add(fd int) {
	w.open[fd] = true
	w.files[fd] = &fmFile{fd: fd}
	if !slices.Contains(w.nums, fd) {
		w.nums = append(w.nums, fd)
	}
}

// pick chooses an fd number; ok is false when there is none, or when the
// number was closed and something outside the sequence has reopened it.
func (w *fmWorld) pick(b byte) (fd int, ok bool) {
	if len(w.nums) == 0 {
		return -1, false
	}
	fd = w.nums[int(b)%len(w.nums)]
	if !w.open[fd] && fmIsOpen(fd) {
		return -1, false
	}
	return fd, true
}

// close closes fd (if open) and the file object over it.
func (w *fmWorld) close(fd int) {
	if w.open[fd] {
		unix.Close(fd)
		delete(w.open, fd)
		w.files[fd].closed = true
	}
}

func fmIsOpen(fd int) bool {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil
}

// fmPoll is poll(2) on fd alone with timeout 0, retried on EINTR.
func fmPoll(t *testing.T, fd int, mask int16) int16 {
	pfd := []unix.PollFd{{Fd: int32(fd), Events: mask}}
	for {
		_, err := unix.Poll(pfd, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		return pfd[0].Revents
	}
}

// fmKey is the model's key: what the selector's key must hold, and the
// *SelectorKey it returned. stale marks an epoll registration whose fd
// was closed (or its number given to another file) since: the kernel
// then answers for a file the model does not follow.
type fmKey struct {
	fileobj any
	fd      int
	events  int
	data    int
	key     *selectors.SelectorKey[int]
	stale   bool
}

// fmModel is _BaseSelectorImpl's _fd_to_key.
type fmModel struct {
	order []int
	keys  map[int]*fmKey
	// ghost holds the fd numbers of epoll registrations the selector has
	// forgotten but the kernel may keep: a stale key unregistered (its
	// EPOLL_CTL_DEL failed and was ignored) while a dup keeps its file.
	ghost map[int]bool
}

func (m *fmModel) add(k *fmKey) {
	m.order = append(m.order, k.fd)
	m.keys[k.fd] = k
}

func (m *fmModel) remove(fd int) {
	delete(m.keys, fd)
	m.order = slices.DeleteFunc(m.order, func(n int) bool { return n == fd })
}

// lookup is _fileobj_lookup: the fd of f, or for a closed file object
// the fd it was registered with, found by identity.
func (m *fmModel) lookup(f any) (int, error) {
	switch x := f.(type) {
	case int:
		return x, nil
	case *fmFile:
		if !x.closed {
			return x.fd, nil
		}
		for _, fd := range m.order {
			if m.keys[fd].fileobj == f {
				return fd, nil
			}
		}
	}
	return -1, fmValueError("Invalid file object: " + builtins.Repr(f))
}

// keyOf is what get_key and unregister find for f: its key, or the
// lookup's ValueError, or KeyError "<f> is not registered".
func (m *fmModel) keyOf(f any) fmWant {
	fd, err := m.lookup(f)
	if err != nil {
		return fmWant{err: err}
	}
	if k := m.keys[fd]; k != nil {
		return fmWant{key: k}
	}
	return fmWant{err: fmKeyError(builtins.Repr(f) + " is not registered")}
}

func fmValueError(msg string) error {
	return &builtins.Error{Exception: builtins.ValueError, Message: msg}
}

func fmKeyError(msg string) error {
	return &builtins.Error{Exception: builtins.KeyError, Message: builtins.Repr(msg)}
}

// fmOSError is the OSError of a failed system call; fmSame compares its
// class and errno (the message is the C library's strerror).
func fmOSError(errno unix.Errno) error {
	return &builtins.Error{Exception: builtins.ExceptionOf(errno), Errno: errno}
}

// fmSame reports whether err is want: both nil, or the same class and
// message, or for an OSError the same class and errno.
func fmSame(err, want error) bool {
	if err == nil || want == nil {
		return err == nil && want == nil
	}
	var a, b *builtins.Error
	if !errors.As(err, &a) || !errors.As(want, &b) || a.Exception != b.Exception {
		return false
	}
	if b.Errno != 0 {
		return a.Errno == b.Errno
	}
	return a.Message == b.Message
}

// A fmClass is one selector class under test: how to make it, whether it
// is poll-like (_PollLikeSelector.modify, which keeps the dict place and
// does not check the events), and what its poller needs of an fd.
type fmClass struct {
	name     string
	new      func() (selectors.BaseSelector[int], error)
	pollLike bool
	epoll    bool // registration checks the fd, and follows the file
}

// The ops. Each takes two argument bytes a and b.
const (
	fmPair = iota
	fmClose
	fmDup2
	fmWrite
	fmDrain
	fmRegister
	fmModify
	fmUnregister
	fmGetKey
	fmSelect
	fmMap
	fmCloseSelector
	fmOps
)

var fmEvents = []int{selectors.EVENT_READ, selectors.EVENT_WRITE, selectors.EVENT_READ | selectors.EVENT_WRITE,
	selectors.EVENT_READ, selectors.EVENT_WRITE, 0, 4}

func FuzzSelectorModel(f *testing.F) {
	f.Add([]byte{0, fmPair, 0, 0, fmRegister, 0, 0, fmRegister, 1, 1, fmSelect, 0, 0, fmWrite, 1, 0, fmSelect, 0, 0, fmCloseSelector, 0, 0})
	f.Add([]byte{1, fmPair, 0, 0, fmRegister, 0, 2, fmModify, 0, 1, fmModify, 0, 5, fmGetKey, 0, 0, fmClose, 0, 0, fmSelect, 0, 0, fmUnregister, 0, 0})
	f.Add([]byte{2, fmPair, 0, 0, fmRegister, 0x80, 0, fmClose, 0, 0, fmGetKey, 0x80, 0, fmPair, 0, 0, fmDup2, 1, 0, fmSelect, 0, 0, fmUnregister, 0x80, 0, fmMap, 0, 0})
	f.Add([]byte{0, fmPair, 0, 0, fmRegister, 0, 6, fmRegister, 0, 2, fmRegister, 0, 2, fmModify, 0, 6, fmMap, 0, 0, fmDrain, 1, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) == 0 {
			return
		}
		class := fmClasses[int(ops[0])%len(fmClasses)]
		sel, err := class.new()
		if err != nil {
			t.Fatal(err)
		}
		defer sel.Close()
		w := &fmWorld{t: t, open: map[int]bool{}, files: map[int]*fmFile{}}
		defer func() {
			for fd := range w.open {
				unix.Close(fd)
			}
		}()
		m := &fmModel{keys: map[int]*fmKey{}, ghost: map[int]bool{}}
		for ops = ops[1:]; len(ops) >= 3; ops = ops[3:] {
			op, a, b := ops[0]%fmOps, ops[1], ops[2]
			if done := fmStep(t, class, sel, w, m, op, a, b); done {
				return
			}
		}
	})
}

// fmStep runs one op against the selector and the model; done is true
// after the selector's close, which ends the sequence.
func fmStep(t *testing.T, class fmClass, sel selectors.BaseSelector[int], w *fmWorld, m *fmModel, op, a, b byte) (done bool) {
	// The file object an op passes: a high bit of a picks the fmFile over
	// the fd, else the fd itself.
	fileobj := func() (any, bool) {
		fd, ok := w.pick(a & 0x7f)
		if !ok {
			return nil, false
		}
		if a&0x80 != 0 && w.files[fd] != nil {
			return w.files[fd], true
		}
		return fd, true
	}
	switch op {
	case fmPair:
		if len(w.open) >= 12 {
			return false
		}
		p, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range p {
			unix.CloseOnExec(fd)
			unix.SetNonblock(fd, true)
			w.add(fd)
		}
	case fmClose:
		if fd, ok := w.pick(a); ok && w.open[fd] {
			w.close(fd)
			if k := m.keys[fd]; k != nil {
				k.stale = true
			}
		}
	case fmDup2:
		// The number dst comes to refer to src's file: an fd reused.
		src, ok1 := w.pick(a)
		dst, ok2 := w.pick(b)
		if !ok1 || !ok2 || !w.open[src] || src == dst {
			return false
		}
		w.close(dst)
		if err := fmDupOnto(src, dst); err != nil {
			t.Fatal(err)
		}
		w.add(dst)
		if k := m.keys[dst]; k != nil {
			k.stale = true
		}
	case fmWrite:
		if fd, ok := w.pick(a); ok && w.open[fd] {
			unix.Write(fd, []byte{b}) // EPIPE and EAGAIN are states too
		}
	case fmDrain:
		if fd, ok := w.pick(a); ok && w.open[fd] {
			var buf [512]byte
			unix.Read(fd, buf[:])
		}
	case fmRegister:
		f, ok := fileobj()
		if !ok {
			return false
		}
		events, data := fmEvents[int(b)%len(fmEvents)], int(b)
		key, err := sel.Register(f, events, data)
		want := fmRegisterModel(class, w, m, f, events, data)
		if want.any && err != nil {
			m.remove(want.key.fd) // EEXIST: the kernel still had it
			return false
		}
		fmCheck(t, "register", key, err, want)
	case fmModify:
		f, ok := fileobj()
		if !ok {
			return false
		}
		events, data := fmEvents[int(b)%len(fmEvents)], int(b)/4
		key, err := sel.Modify(f, events, data)
		fmModifyModel(t, class, w, m, f, events, data, key, err)
	case fmUnregister:
		f, ok := fileobj()
		if !ok {
			return false
		}
		key, err := sel.Unregister(f)
		want := m.keyOf(f)
		fmCheck(t, "unregister", key, err, want)
		if k := want.key; k != nil {
			m.remove(k.fd)
			if k.stale {
				m.ghost[k.fd] = true
			}
		}
	case fmGetKey:
		f, ok := fileobj()
		if !ok {
			return false
		}
		key, err := sel.GetKey(f)
		fmCheck(t, "get_key", key, err, m.keyOf(f))
	case fmSelect:
		fmSelectModel(t, class, sel, w, m)
	case fmMap:
		mp := sel.GetMap()
		if mp.Len() != len(m.order) || !slices.Equal(slices.Collect(mp.Keys()), m.order) {
			t.Fatalf("get_map(): len %d, fds %v; the model wants %v", mp.Len(), slices.Collect(mp.Keys()), m.order)
		}
	case fmCloseSelector:
		if err := sel.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
		if _, err := sel.GetMap().Get(0); sel.GetMap().Len() != 0 || !errors.Is(err, builtins.TypeError) {
			t.Fatalf("get_map() after close: len %d, [0] %v; want None (false, not subscriptable)", sel.GetMap().Len(), err)
		}
		_, err := sel.GetKey(0)
		fmCheck(t, "get_key after close", nil, err, fmWant{err: &builtins.Error{Exception: builtins.RuntimeError, Message: "Selector is closed"}})
		return true
	}
	return false
}

// fmWant is what a call must return: the model's key, or an error.
type fmWant struct {
	key *fmKey
	err error
	any bool // an epoll call on a stale registration: the kernel decides
}

// fmCheck compares a call's outcome with the model's, and records the
// returned key in the model.
func fmCheck(t *testing.T, what string, key *selectors.SelectorKey[int], err error, want fmWant) {
	t.Helper()
	if want.err != nil || err != nil {
		if !fmSame(err, want.err) {
			t.Fatalf("%s: %v, the model wants %v", what, err, want.err)
		}
		return
	}
	k := want.key
	if key == nil || key.Fileobj != k.fileobj || key.Fd != k.fd || key.Events != k.events || key.Data != k.data {
		t.Fatalf("%s: key %+v, the model wants {Fileobj:%v Fd:%d Events:%d Data:%d}", what, key, k.fileobj, k.fd, k.events, k.data)
	}
	if k.key != nil && k.key != key {
		t.Fatalf("%s: a new *SelectorKey %p; the registered one is %p", what, key, k.key)
	}
	k.key = key
}

// fmRegisterModel is _BaseSelectorImpl.register (and the poller's
// register): the events first, then the fd, then the dict.
func fmRegisterModel(class fmClass, w *fmWorld, m *fmModel, f any, events, data int) fmWant {
	if events == 0 || events&^(selectors.EVENT_READ|selectors.EVENT_WRITE) != 0 {
		return fmWant{err: fmValueError("Invalid events: " + strconv.Itoa(events))}
	}
	fd, err := m.lookup(f)
	if err != nil {
		return fmWant{err: err}
	}
	if m.keys[fd] != nil {
		return fmWant{err: fmKeyError(fmt.Sprintf("%s (FD %d) is already registered", builtins.Repr(f), fd))}
	}
	if class.epoll && !w.open[fd] {
		return fmWant{err: fmOSError(unix.EBADF)}
	}
	k := &fmKey{fileobj: f, fd: fd, events: events, data: data}
	m.add(k)
	if class.epoll && m.ghost[fd] {
		// The kernel may hold a registration of this number still, for
		// another file or for this one (then EEXIST); its events are no
		// longer the model's to say.
		k.stale = true
		return fmWant{key: k, any: true}
	}
	return fmWant{key: k}
}

// fmModifyModel is _BaseSelectorImpl.modify (SelectSelector: unregister
// and register again when the events change) or _PollLikeSelector.modify
// (the poller's modify, events unchecked, the dict place kept; a failed
// modify unregisters).
func fmModifyModel(t *testing.T, class fmClass, w *fmWorld, m *fmModel, f any, events, data int, key *selectors.SelectorKey[int], err error) {
	found := m.keyOf(f)
	if found.err != nil {
		fmCheck(t, "modify", key, err, found)
		return
	}
	k, fd := found.key, found.key.fd
	if !class.pollLike {
		if events != k.events {
			m.remove(fd)
			fmCheck(t, "modify", key, err, fmRegisterModel(class, w, m, f, events, data))
			return
		}
		if data != k.data {
			k.data, k.key = data, nil // key._replace: a new tuple
		}
		fmCheck(t, "modify", key, err, fmWant{key: k})
		return
	}
	changed := data != k.data
	if events != k.events {
		if class.epoll && (k.stale || !w.open[fd]) {
			// epoll_ctl(MOD) on a closed fd is EBADF, on a number now
			// another file's ENOENT, on a dup's file alive it succeeds:
			// the kernel decides; a failure unregisters.
			if err != nil {
				m.remove(fd)
				return
			}
		} else if err != nil {
			t.Fatalf("modify: %v, the model wants no error", err)
		}
		changed = true
	}
	if changed {
		k.events, k.data, k.key = events, data, nil
	}
	fmCheck(t, "modify", key, err, fmWant{key: k})
}

// fmSelectModel checks Select(0): for every registered fd the kernel says
// is ready, its key with the events mapped as the class maps them and
// masked with the key's events; nothing else. An epoll registration made
// stale is not followed by the model: it may appear or not.
func fmSelectModel(t *testing.T, class fmClass, sel selectors.BaseSelector[int], w *fmWorld, m *fmModel) {
	ready, err := sel.Select(0)
	if !class.pollLike {
		for _, fd := range m.order {
			if !w.open[fd] {
				if !fmSame(err, fmOSError(unix.EBADF)) {
					t.Fatalf("select(0) with fd %d closed: %v, the model wants OSError EBADF", fd, err)
				}
				return
			}
		}
	}
	if err != nil {
		t.Fatalf("select(0): %v", err)
	}
	type got struct{ fd, events int }
	var want, have []got
	for _, fd := range m.order {
		k := m.keys[fd]
		if class.epoll && k.stale {
			continue
		}
		var mask int16
		if k.events&selectors.EVENT_READ != 0 {
			mask |= unix.POLLIN
		}
		if k.events&selectors.EVENT_WRITE != 0 {
			mask |= unix.POLLOUT
		}
		rev := fmPoll(t, fd, mask)
		var ev int
		if class.pollLike {
			// _PollLikeSelector.select: event & ~POLLIN is writable,
			// event & ~POLLOUT readable.
			if rev == 0 {
				continue
			}
			if rev&^unix.POLLIN != 0 {
				ev |= selectors.EVENT_WRITE
			}
			if rev&^unix.POLLOUT != 0 {
				ev |= selectors.EVENT_READ
			}
		} else {
			// select(2): readable on POLLIN, POLLHUP or POLLERR, writable
			// on POLLOUT or POLLERR, each only in the set asked for.
			if mask&unix.POLLIN != 0 && rev&(unix.POLLIN|unix.POLLHUP|unix.POLLERR) != 0 {
				ev |= selectors.EVENT_READ
			}
			if mask&unix.POLLOUT != 0 && rev&(unix.POLLOUT|unix.POLLERR) != 0 {
				ev |= selectors.EVENT_WRITE
			}
			if ev == 0 {
				continue
			}
		}
		want = append(want, got{fd, ev & k.events})
	}
	for _, r := range ready {
		k := m.keys[r.Key.Fd]
		if k == nil || (k.key != nil && k.key != r.Key) {
			t.Fatalf("select(0) returned key %+v, which the model does not hold", r.Key)
		}
		if class.epoll && k.stale {
			if r.Events&^k.events != 0 {
				t.Fatalf("select(0): events %d beyond the key's %d", r.Events, k.events)
			}
			continue
		}
		have = append(have, got{r.Key.Fd, r.Events})
	}
	cmp := func(a, b got) int { return a.fd - b.fd }
	slices.SortFunc(want, cmp)
	slices.SortFunc(have, cmp)
	if !slices.Equal(want, have) {
		t.Fatalf("select(0) = %v; the model wants %v", have, want)
	}
}
