// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package differential

import "github.com/pyselect/pyselect/sys/pyselect"

func init() { constants["POLLRDHUP"] = int64(pyselect.POLLRDHUP) }
