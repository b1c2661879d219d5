// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import "strconv"

// An AddressFamily is Python's socket.AddressFamily, the IntEnum of the
// AF_* constants: socket.family is one.
type AddressFamily int

// A SocketKind is Python's socket.SocketKind, the IntEnum of the SOCK_*
// constants: socket.type is one.
type SocketKind int

// String is Python 3.11's str() of the member: its integer value, as
// repr(socket) prints "family=2" (IntEnum's __str__ is int's since 3.11).
func (f AddressFamily) String() string { return strconv.Itoa(int(f)) }

// String is Python 3.11's str() of the member: its integer value.
func (k SocketKind) String() string { return strconv.Itoa(int(k)) }
