// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket_test

import "strconv"

func itoa(i int) string { return strconv.Itoa(i) }
