// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix && !aix && !linux

package differential

// epollOps is empty: epoll is Linux-only in Python and in pyselect, its
// scenarios are never recorded elsewhere, and an epoll step here is a
// fixture bug, an unknown op.
var epollOps = ops{}
