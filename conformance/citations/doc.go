// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// Package citations holds TestCitations, which checks that every citation
// in the repository points at something a reader can open: an anchor that
// exists in conformance/SEMANTICS.md (or in the Markdown file a link
// names), a repository path that exists, a Go test, example, fuzz target
// or benchmark that a _test.go defines (named in a document or a Go
// comment), and in a document a `make` target the Makefile has, a
// workflow file that .github/workflows has and a Go or shell file named
// by its base name that the repository has; and no reference a reader
// cannot follow: a path or document outside the repository, a numbered
// section, another tracker's issue number.
//
// A citation names a CPython function (Modules/selectmodule.c:
// select_epoll_poll_impl), a CPython test (test_epoll.py::test_add), a man
// page section (epoll_ctl(2) ERRORS), a Python docs URL, or a rule of the
// project's own reference: conformance/SEMANTICS.md#epoll-register.
package citations
