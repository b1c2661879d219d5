// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build linux || solaris

package differential

// kqueueOps is empty: kqueue exists only on the BSDs and macOS, its
// scenarios are never recorded on Linux or Solaris, and a kqueue step
// here is a fixture bug, an unknown op.
var kqueueOps = ops{}
