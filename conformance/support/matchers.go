// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package support

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/onsi/gomega/types"
	"github.com/pyselect/pyselect/sys/builtins"
)

// Raise succeeds when the actual error is the Python exception cls with
// exactly message msg, as CPython would raise it ("" leaves the message
// unchecked). The error must be a *builtins.Error, matched with errors.Is
// so that the class hierarchy counts as it does in Python.
func Raise(cls builtins.Exception, msg string) types.GomegaMatcher {
	return &raiseMatcher{cls: cls, msg: msg}
}

// RaiseErrno succeeds when the actual error is an OSError of class cls
// carrying errno, with CPython's message "[Errno N] strerror".
func RaiseErrno(cls builtins.Exception, errno syscall.Errno) types.GomegaMatcher {
	return &raiseMatcher{cls: cls, errno: errno, checkErrno: true}
}

type raiseMatcher struct {
	cls        builtins.Exception
	msg        string
	errno      syscall.Errno
	checkErrno bool
}

func (m *raiseMatcher) Match(actual any) (bool, error) {
	err, ok := actual.(error)
	if !ok || err == nil {
		return false, nil
	}
	var pe *builtins.Error
	if !errors.As(err, &pe) || pe.Exception != m.cls || !errors.Is(err, m.cls) {
		return false, nil
	}
	if m.msg != "" && pe.Message != m.msg {
		return false, nil
	}
	if m.checkErrno && (pe.Errno != m.errno || !errors.Is(err, m.errno)) {
		return false, nil
	}
	return true, nil
}

func (m *raiseMatcher) want() string {
	switch {
	case m.checkErrno:
		return fmt.Sprintf("%s with errno %d (%v)", m.cls, int(m.errno), m.errno)
	case m.msg != "":
		return fmt.Sprintf("%s: %s", m.cls, m.msg)
	}
	return string(m.cls)
}

func (m *raiseMatcher) FailureMessage(actual any) string {
	return fmt.Sprintf("Expected Python exception\n\t%s\nbut got\n\t%#v (%v)", m.want(), actual, actual)
}

func (m *raiseMatcher) NegatedFailureMessage(actual any) string {
	return fmt.Sprintf("Expected anything but the Python exception\n\t%s\nbut got it: %v", m.want(), actual)
}
