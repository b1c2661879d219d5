// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package pyselect

import "github.com/pyselect/pyselect/sys/builtins"

// Error is select.error, which Python 3.3 made an alias of OSError
// (PEP 3151): "except select.error:" is builtins.Except(err,
// pyselect.Error). The exceptions themselves, their classes and the helpers
// that catch them are Python's builtins, in sys/builtins.
//
// Python: https://docs.python.org/3/library/select.html#select.error
const Error = builtins.OSError
