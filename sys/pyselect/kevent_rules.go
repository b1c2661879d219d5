// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import (
	"math"
	"strconv"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
	"github.com/pyselect/pyselect/sys/internal/pytime"
)

// The rules of select.kevent and select.kqueue.control that need no
// kernel: argument conversion, masking, ordering and the timeout. They
// live in this file, built on every OS, so that their unit tests run
// everywhere (also on Linux, where Kqueue and Kevent do not exist); the
// exported types are in kevent_bsd.go and kqueue_bsd.go.

// A keventABI is what CPython's selectmodule.c compiles struct kevent's
// fields to on one OS and architecture: the C types behind the six
// attributes, and the two defaults of the constructor.
//
//	field   C type (CPython member type, PyArg format)     NetBSD
//	ident   uintptr_t (T_UINTPTRT; PyLong_AsSize_t)
//	filter  short     (T_SHORT, "h": range-checked)        uint32_t ("I": masked)
//	flags   u_short   (T_USHORT, "H": masked)              uint32_t ("I": masked)
//	fflags  u_int     (T_UINT, "I": masked)
//	data    intptr_t  (range-checked)                      int64_t, also OpenBSD
//	udata   uintptr_t ("K"/"k": masked; an integer, never an object)
type keventABI struct {
	ptrBits    uint  // uintptr_t: ident and udata
	filter32   bool  // NetBSD: filter and flags are uint32_t
	dataBits   uint  // data: 64 on NetBSD and OpenBSD, else the width of intptr_t
	readFilter int64 // EVFILT_READ, filter's default
	evAdd      int64 // EV_ADD, flags' default
	time32     bool  // time_t has 32 bits (FreeBSD on 386)
}

// kfields holds a kevent's six values, laid out as Kevent is, so that
// Kevent(f) and kfields(k) convert between them. Each field is wide
// enough for every OS's C type; keventABI.norm reduces them to one OS's.
type kfields struct {
	Ident  uint64
	Filter int64
	Flags  uint32
	Fflags uint32
	Data   int64
	Udata  uint64
}

// mask keeps the low bits of v, as C's conversion to an unsigned type of
// that width (and PyLong_AsUnsignedLongMask) does.
func mask(v uint64, bits uint) uint64 {
	if bits >= 64 {
		return v
	}
	return v & (1<<bits - 1)
}

// norm reduces f to the values the C struct holds: what CPython would
// read back after storing them. Ident and udata keep the width of a
// pointer, filter is a signed short (a uint32 on NetBSD), flags an
// unsigned short (a uint32 on NetBSD). A Go caller may set the fields of
// a Kevent to anything; this is the value the kernel then sees.
func (abi keventABI) norm(f kfields) kfields {
	f.Ident = mask(f.Ident, abi.ptrBits)
	f.Udata = mask(f.Udata, abi.ptrBits)
	if abi.filter32 {
		f.Filter = int64(uint32(f.Filter))
	} else {
		f.Filter = int64(int16(f.Filter))
		f.Flags = uint32(uint16(f.Flags))
	}
	return f
}

// compare is kqueue_event_richcompare: the six fields compared in order,
// each in its C type (filter signed except on NetBSD, udata as a signed
// intptr_t), -1, 0 or +1.
func (abi keventABI) compare(a, b kfields) int {
	a, b = abi.norm(a), abi.norm(b)
	sx := func(u uint64) int64 { // (intptr_t)udata
		s := 64 - abi.ptrBits
		return int64(u<<s) >> s
	}
	for _, c := range [...]int{
		cmp3(a.Ident, b.Ident),
		cmp3(a.Filter, b.Filter),
		cmp3(a.Flags, b.Flags),
		cmp3(a.Fflags, b.Fflags),
		cmp3(a.Data, b.Data),
		cmp3(sx(a.Udata), sx(b.Udata)),
	} {
		if c != 0 {
			return c
		}
	}
	return 0
}

func cmp3[T int64 | uint64 | uint32](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// newKevent is kqueue_event_init: kevent(ident, filter=KQ_FILTER_READ,
// flags=KQ_EV_ADD, fflags=0, data=0, udata=0), with args the optional
// ones in that order, each a Python int.
func (abi keventABI) newKevent(ident any, args []int64) (kfields, error) {
	if len(args) > 5 {
		return kfields{}, builtins.TypeError.New("kevent() takes at most 6 arguments (" + strconv.Itoa(len(args)+1) + " given)")
	}
	f := kfields{Filter: abi.readFilter, Flags: uint32(abi.evAdd)}
	for i, v := range args {
		switch i {
		case 0: // "h", or "I" on NetBSD
			if abi.filter32 {
				f.Filter = int64(uint32(v))
			} else if v < math.MinInt16 {
				return kfields{}, builtins.OverflowError.New("signed short integer is less than minimum")
			} else if v > math.MaxInt16 {
				return kfields{}, builtins.OverflowError.New("signed short integer is greater than maximum")
			} else {
				f.Filter = v
			}
		case 1: // "H", or "I" on NetBSD: masked
			if abi.filter32 {
				f.Flags = uint32(v)
			} else {
				f.Flags = uint32(uint16(v))
			}
		case 2: // "I": masked
			f.Fflags = uint32(v)
		case 3: // intptr_t ("l" where it is a 32-bit long) or int64_t
			if abi.dataBits < 64 && !pyobj.IsCInt(v) { // a 32-bit C long
				return kfields{}, builtins.OverflowError.New("Python int too large to convert to C long")
			}
			f.Data = v
		case 4: // "K"/"k": masked to a pointer's width
			f.Udata = mask(uint64(v), abi.ptrBits)
		}
	}
	id, err := abi.ident(ident)
	if err != nil {
		return kfields{}, err
	}
	f.Ident = id
	return f, nil
}

// ident converts kevent's first argument: a Python int (any Go integer
// kind, or bool) with PyLong_AsSize_t, which refuses negative values and
// values past SIZE_MAX with OverflowError; anything else as an fd
// argument (fdOf: a Filenoer or a syscall.Conn; TypeError otherwise).
func (abi keventABI) ident(v any) (uint64, error) {
	i, big, ok := pyobj.Int(v)
	switch {
	case !ok:
		fd, err := fdOf(v)
		return uint64(fd), err
	case !big && i < 0:
		return 0, errSizeTNegative()
	case mask(uint64(i), abi.ptrBits) != uint64(i):
		return 0, errSizeTOverflow()
	}
	return uint64(i), nil
}

// kqueueTimeout is kqueue.control's timeout rule: seconds, None blocks
// (-1). Every failure to convert the value, be it a type Python refuses,
// NaN, infinity or an overflow, becomes TypeError "timeout argument must
// be a number or None, got <type>", as CPython rewrites it; a value that
// rounds (away from zero, to the nanosecond) below zero is ValueError
// "timeout must be positive or None", so 0 polls. Where time_t has 32
// bits, _PyTime_AsTimespec's OverflowError for a number past it, either
// way, stays, and comes first, as in CPython (a time.Duration is waited
// out whatever its length).
func kqueueTimeout(v any, time32 bool) (time.Duration, error) {
	t, err := pytime.FromObject(v, 1e9, errIntTimeoutType)
	switch {
	case err != nil:
		return 0, builtins.TypeError.New("timeout argument must be a number or None, got " + pyobj.TypeName(v))
	case t.None:
		return -1, nil
	case time32 && !t.Dur && !pyobj.IsCInt(floorDiv(t.NS, 1e9)):
		// _PyTime_AsTimespec's tv_sec, before the sign is looked at.
		return 0, pytime.ErrTimeT()
	case t.NS < 0:
		return 0, builtins.ValueError.New("timeout must be positive or None")
	}
	return time.Duration(t.NS), nil
}

// submitOnce adapts a kevent(2) call to eintr: the first try submits
// changes, every retry an empty changelist. kevent(2) applies the whole
// changelist before it waits, and FreeBSD's kqueue(2) says of EINTR: "When
// kevent() call fails with EINTR error, all changes in the changelist have
// been applied". The kernels never restart the call themselves
// (kqueue_scan in FreeBSD's and OpenBSD's kern_event.c, kevent_continue in
// XNU's: "don't restart after signals..."), so resubmitting would apply
// the changes twice: a second EV_DELETE fails with ENOENT, a re-added
// EV_ONESHOT filter fires again. CPython does resubmit (its control()
// passes the same changelist on every retry); pyselect does not.
func submitOnce[T any](changes []T, sys func(changes []T, d time.Duration) (int, error)) func(time.Duration) (int, error) {
	return func(d time.Duration) (int, error) {
		ch := changes
		changes = nil
		return sys(ch, d)
	}
}

// PyLong_AsSize_t's errors.
func errSizeTNegative() *builtins.Error {
	return builtins.OverflowError.New("can't convert negative value to size_t")
}
func errSizeTOverflow() *builtins.Error {
	return builtins.OverflowError.New("Python int too large to convert to C size_t")
}
