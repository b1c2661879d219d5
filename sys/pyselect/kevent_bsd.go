// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux && !solaris

package pyselect

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// A Kevent is a select.kevent object: one entry of a kqueue changelist or
// eventlist, struct kevent of kqueue(2), as one Go value type on every
// BSD.
//
//   - Python: [select.kevent]
//   - Kernel: [kqueue(2)] (struct kevent)
//
// The fields are Python's six attributes, each wide enough for every OS's
// C type:
//
//	Python        Go      C (macOS, FreeBSD, OpenBSD, DragonFly)   C (NetBSD)
//	ev.ident      Ident   uintptr_t (32 bits on 386 and arm)
//	ev.filter     Filter  short: KQ_FILTER_READ is -1              uint32_t: KQ_FILTER_READ is 0
//	ev.flags      Flags   u_short                                  uint32_t
//	ev.fflags     Fflags  u_int
//	ev.data       Data    int64_t (intptr_t on macOS, DragonFly)
//	ev.udata      Udata   void * (intptr_t on NetBSD)
//
// As in CPython, the attributes are plain integers a caller may set; the
// kernel sees them in its C types, so an out-of-range value is truncated
// as a C cast truncates it (CPython's attribute setter does the same,
// with a RuntimeWarning). Udata is an integer handed to the kernel and
// back, never a pointer: the kernel may drop a kevent at any time, so
// Python refuses to store objects there, and Go's collector must never
// see it as one.
//
// Differences from Python: a Kevent is a value, so results of Control
// are copies, as CPython's are; it has no hash (Python's kevent is
// unhashable too) but is comparable with ==, which here means the same
// as Equal except for values outside the C types.
//
// [select.kevent]: https://docs.python.org/3/library/select.html#kevent-objects
// [kqueue(2)]: https://man.freebsd.org/cgi/man.cgi?query=kqueue&sektion=2
type Kevent struct {
	Ident  uint64
	Filter int64
	Flags  uint32
	Fflags uint32
	Data   int64
	Udata  uint64
}

// sysABI is the C layout of struct kevent in this build, read off x/sys's
// Kevent_t where it can be: the width of a pointer, whether filter is
// NetBSD's uint32_t, and whether time_t has 32 bits.
var sysABI = func() keventABI {
	var k unix.Kevent_t
	var ts unix.Timespec
	k.Filter--
	return keventABI{
		ptrBits:    uint(unsafe.Sizeof(uintptr(0)) * 8),
		filter32:   k.Filter > 0,
		dataBits:   dataBits,
		readFilter: KQ_FILTER_READ,
		evAdd:      KQ_EV_ADD,
		time32:     unsafe.Sizeof(ts.Sec) == 4,
	}
}()

// NewKevent is select.kevent(ident, filter=KQ_FILTER_READ, flags=KQ_EV_ADD,
// fflags=0, data=0, udata=0): args are the optional arguments in that
// order. The defaults are Python's, not Go's zero values: NewKevent(fd) is
// "add a read filter for fd".
//
// ident is a Python int (any Go integer type or bool; negative is
// OverflowError "can't convert negative value to size_t", past a pointer's
// width "Python int too large to convert to C size_t") or an object with a
// file descriptor: a Filenoer or a syscall.Conn (*os.File, *net.TCPConn),
// converted as every fd argument is. filter is range-checked to a C short
// (OverflowError "signed short integer is greater than maximum"), except
// on NetBSD where it is masked to 32 bits; flags, fflags and udata are
// masked to their C types (Python's "H", "I" and "K" formats), so
// flags=-1 gives 0xffff; data must fit intptr_t. More than six arguments
// is TypeError.
func NewKevent(ident any, args ...int64) (Kevent, error) {
	f, err := sysABI.newKevent(ident, args)
	return Kevent(f), err
}

// An Integer is any Go integer type: an ident or an argument of KeventOf.
type Integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// KeventOf is select.kevent(ident, filter=KQ_FILTER_READ, flags=KQ_EV_ADD,
// fflags=0, data=0, udata=0) as a value, for an inline port such as
// events = append(events, pyselect.KeventOf(fd, pyselect.KQ_FILTER_READ, flags)).
// args are the optional arguments in Python's order; past udata they are
// ignored. It cannot fail: each value is stored as Python's attribute
// assignment (ev.ident = fd) stores it, truncated to the kernel's C type
// as a C cast truncates it, where select.kevent(...) raises OverflowError
// for a negative ident or a filter beyond a C short (NewKevent does; the
// kernel then refuses such a kevent in Control, with EBADF or EINVAL).
// An ident that is a socket or file is passed as its Fileno.
func KeventOf[I, A Integer](ident I, args ...A) Kevent {
	k := Kevent{Ident: uint64(ident), Filter: sysABI.readFilter, Flags: uint32(sysABI.evAdd)}
	for i, v := range args {
		switch i {
		case 0:
			k.Filter = int64(v)
		case 1:
			k.Flags = uint32(v)
		case 2:
			k.Fflags = uint32(v)
		case 3:
			k.Data = int64(v)
		case 4:
			k.Udata = uint64(v)
		}
	}
	return Kevent(sysABI.norm(kfields(k)))
}

// Compare is CPython's ordering of kevents: the tuple (ident, filter,
// flags, fflags, data, udata) compared field by field in its C types, so
// that on macOS and FreeBSD KQ_FILTER_READ (-1) sorts after
// KQ_FILTER_WRITE (-2). It returns -1, 0 or +1.
//
// Python: kevent's rich comparison (test_kqueue.py::test_create_event).
// Python raises TypeError when ordering a kevent against anything else;
// Go's types rule that out.
func (k Kevent) Compare(o Kevent) int { return sysABI.compare(kfields(k), kfields(o)) }

// Equal is Python's ev == other: every field equal in its C type.
func (k Kevent) Equal(o Kevent) bool { return k.Compare(o) == 0 }

// Less is Python's ev < other.
func (k Kevent) Less(o Kevent) bool { return k.Compare(o) < 0 }

// String is repr(ev), with the values the kernel would see:
// <select.kevent ident=3 filter=-1 flags=0x1 fflags=0x0 data=0x0 udata=0x0>.
func (k Kevent) String() string {
	f := sysABI.norm(kfields(k))
	return fmt.Sprintf("<select.kevent ident=%d filter=%d flags=0x%x fflags=0x%x data=0x%x udata=%#x>",
		f.Ident, f.Filter, f.Flags, f.Fflags, uint64(f.Data), f.Udata)
}

// toSys stores k into the kernel's struct. unix.SetKevent sets ident,
// filter and flags with the per-OS, per-arch types of x/sys (uint32
// idents on 386 and arm, NetBSD's uint32 filter and flags); FreeBSD's Ext
// stays zero, as CPython leaves it.
func (k Kevent) toSys(ev *unix.Kevent_t) {
	f := sysABI.norm(kfields(k))
	unix.SetKevent(ev, int(f.Ident), int(f.Filter), int(f.Flags))
	ev.Fflags = f.Fflags
	ev.Data = f.Data
	setUdata(ev, f.Udata)
}

// keventOf reads the kernel's struct back; a NetBSD filter is unsigned.
func keventOf(ev *unix.Kevent_t) Kevent {
	return Kevent{
		Ident:  uint64(ev.Ident),
		Filter: int64(ev.Filter),
		Flags:  uint32(ev.Flags),
		Fflags: ev.Fflags,
		Data:   ev.Data,
		Udata:  udataOf(ev),
	}
}

// Udata is a pointer-sized field: *byte in x/sys on most BSDs, intptr_t
// on NetBSD. It holds an integer, so it is only ever written and read as
// a uintptr: a store of a *byte would pass the value to the collector's
// write barrier as a pointer.
func setUdata(ev *unix.Kevent_t, u uint64) { *(*uintptr)(unsafe.Pointer(&ev.Udata)) = uintptr(u) }
func udataOf(ev *unix.Kevent_t) uint64     { return uint64(*(*uintptr)(unsafe.Pointer(&ev.Udata))) }

// Udata must be exactly pointer-sized for the two functions above.
var _ [unsafe.Sizeof(unix.Kevent_t{}.Udata) - unsafe.Sizeof(uintptr(0))]struct{}
var _ [unsafe.Sizeof(uintptr(0)) - unsafe.Sizeof(unix.Kevent_t{}.Udata)]struct{}

// keventBuf returns n kernel kevents in memory the garbage collector never
// scans: a []uint64 viewed as []unix.Kevent_t. x/sys types udata as a
// pointer; an integer in it must not be taken for one.
func keventBuf(n int) []unix.Kevent_t {
	if n == 0 {
		return nil
	}
	size := unsafe.Sizeof(unix.Kevent_t{})
	words := make([]uint64, (uintptr(n)*size+7)/8)
	return unsafe.Slice((*unix.Kevent_t)(unsafe.Pointer(&words[0])), n)
}
