// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix

package pyselect

import (
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/pyobj"
	"github.com/pyselect/pyselect/sys/internal/pytime"
)

// Fuzzing of kqueue's argument rules, which kevent_rules.go keeps free of
// any OS so that they run here: kqueue.control's timeout, and kevent's
// six fields for each C layout (64-bit FreeBSD and macOS, NetBSD's 32-bit
// filter and flags, a 32-bit port). conformance/SEMANTICS.md#kevent-fields.

// fuzzABIs are the layouts the rules know.
var fuzzABIs = []keventABI{
	{ptrBits: 64, dataBits: 64, readFilter: -1, evAdd: 1},                // FreeBSD, macOS, OpenBSD, DragonFly on 64 bits
	{ptrBits: 64, filter32: true, dataBits: 64, readFilter: 0, evAdd: 1}, // NetBSD
	{ptrBits: 32, dataBits: 32, readFilter: -1, evAdd: 1, time32: true},  // FreeBSD/386
	{ptrBits: 32, filter32: true, dataBits: 64, readFilter: 0, evAdd: 1}, // NetBSD/386
}

// FuzzKqueueTimeout: every conversion failure is TypeError naming the
// Python type, a value rounding below zero is ValueError, 32-bit time_t
// overflows past 2**31 s; otherwise the exact nanoseconds of pytime.c.
func FuzzKqueueTimeout(f *testing.F) {
	for _, s := range []float64{0, math.Copysign(0, -1), -5e-324, 1e-9, 1.5, -1, 2147483648, 9223372036.86, math.Inf(1), math.NaN()} {
		f.Add(s, int64(s), byte(0), true)
	}
	for _, s := range []int64{0, -1, 1, 2147483647, 2147483648, 9223372037, math.MaxInt64, math.MinInt64} {
		f.Add(0.0, s, byte(0), false)
		f.Add(0.0, s, byte(11), false)
		f.Add(0.0, s, byte(9), false)
	}
	f.Fuzz(func(t *testing.T, x float64, n int64, k byte, isFloat bool) {
		var v any = x
		var i *big.Int
		pyType := "float"
		if !isFloat {
			v, i = goInt(n, k)
			pyType = "int"
			if _, ok := v.(bool); ok {
				pyType = "bool"
			}
		}
		for _, time32 := range []bool{false, true} {
			var wantErr *builtins.Error
			var wantD time.Duration
			ns, oerr := oracleNs(isFloat, x, i, 1e9)
			switch {
			case oerr != nil:
				wantErr = builtins.TypeError.New("timeout argument must be a number or None, got " + pyType)
			case time32 && !new(big.Int).Div(ns, big.NewInt(1e9)).IsInt64(), // Div floors: tv_sec
				time32 && !pyobj.IsCInt(new(big.Int).Div(ns, big.NewInt(1e9)).Int64()):
				wantErr = pytime.ErrTimeT()
			case ns.Sign() < 0:
				wantErr = builtins.ValueError.New("timeout must be positive or None")
			default:
				wantD = time.Duration(ns.Int64())
			}
			d, err := kqueueTimeout(v, time32)
			if wantErr != nil {
				if !sameErr(err, wantErr) {
					t.Fatalf("kqueue timeout %#v (time32 %v): %v, want %v", v, time32, err, wantErr)
				}
			} else if err != nil || d != wantD {
				t.Fatalf("kqueue timeout %#v (time32 %v): %v %v, want %v", v, time32, d, err, wantD)
			}
		}
	})
}

// FuzzKevent: kevent(ident, filter, flags, fflags, data, udata) with any
// number of arguments and any values, for every layout: CPython's error
// or the fields its format codes make; and the comparison is a total
// order on what the kernel sees.
func FuzzKevent(f *testing.F) {
	f.Add(int64(3), byte(0), byte(1), int64(-1), int64(1), int64(0), int64(0), int64(0))
	f.Add(int64(-1), byte(0), byte(6), int64(0), int64(0), int64(0), int64(0), int64(0))
	f.Add(int64(1), byte(9), byte(5), int64(32768), int64(-1), int64(-1), int64(1<<40), int64(-1))
	f.Add(int64(1<<33), byte(4), byte(2), int64(-32769), int64(65536), int64(1<<32), int64(-1<<40), int64(1<<32))
	f.Fuzz(func(t *testing.T, ident int64, k, nargs byte, filter, flags, fflags, data, udata int64) {
		args := []int64{filter, flags, fflags, data, udata, 0}[:nargs%7]
		v, id := goInt(ident, k)
		for _, abi := range fuzzABIs {
			var wantErr *builtins.Error
			want := kfields{Filter: abi.readFilter, Flags: uint32(abi.evAdd)}
			for j, a := range args {
				switch {
				case wantErr != nil:
				case j == 5:
					wantErr = builtins.TypeError.New("kevent() takes at most 6 arguments (7 given)")
				case j == 0 && !abi.filter32 && a < math.MinInt16:
					wantErr = builtins.OverflowError.New("signed short integer is less than minimum")
				case j == 0 && !abi.filter32 && a > math.MaxInt16:
					wantErr = builtins.OverflowError.New("signed short integer is greater than maximum")
				case j == 0 && abi.filter32:
					want.Filter = int64(uint32(a))
				case j == 0:
					want.Filter = a
				case j == 1 && abi.filter32:
					want.Flags = uint32(a)
				case j == 1:
					want.Flags = uint32(uint16(a))
				case j == 2:
					want.Fflags = uint32(a)
				case j == 3 && abi.dataBits < 64 && a != int64(int32(a)):
					wantErr = builtins.OverflowError.New("Python int too large to convert to C long")
				case j == 3:
					want.Data = a
				case j == 4:
					want.Udata = mask(uint64(a), abi.ptrBits)
				}
			}
			if len(args) == 6 && wantErr != nil && wantErr.Exception != builtins.TypeError {
				wantErr = builtins.TypeError.New("kevent() takes at most 6 arguments (7 given)")
			}
			if wantErr == nil {
				switch {
				case id.Sign() < 0:
					wantErr = errSizeTNegative()
				case id.BitLen() > int(abi.ptrBits):
					wantErr = errSizeTOverflow()
				default:
					want.Ident = id.Uint64()
				}
			}
			got, err := abi.newKevent(v, args)
			if wantErr != nil {
				if !sameErr(err, wantErr) {
					t.Fatalf("abi %+v kevent(%#v, %v): %v, want %v", abi, v, args, err, wantErr)
				}
				continue
			}
			if err != nil || got != want {
				t.Fatalf("abi %+v kevent(%#v, %v) = %+v, %v; want %+v", abi, v, args, got, err, want)
			}
			// The order: reflexive, antisymmetric, and blind to what the
			// kernel cannot see (norm).
			other := want
			other.Udata ^= 1
			other.Flags += 0x10000
			if abi.compare(got, got) != 0 || abi.compare(got, other) != -abi.compare(other, got) ||
				abi.norm(abi.norm(got)) != abi.norm(got) || abi.compare(got, abi.norm(got)) != 0 {
				t.Fatalf("abi %+v: compare is no order on %+v / %+v", abi, got, other)
			}
		}
	})
}
