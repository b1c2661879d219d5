// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package builtins

// Del is Python's "del m[key]" on a dict: it removes key, and fails with
// KeyError (message repr(key)) when m has no such key, where Go's delete
// does nothing. Porting "fd = sock.fileno(); del fdmap[fd]" for a closed
// socket thus gives Python's "KeyError: -1" (see Fileno).
func Del[K comparable, V any](m map[K]V, key K) error {
	_, err := Pop(m, key)
	return err
}

// Pop is Python's m.pop(key): it removes key and returns its value, or
// KeyError (message repr(key)) when m has no such key.
func Pop[K comparable, V any](m map[K]V, key K) (V, error) {
	v, ok := m[key]
	if !ok {
		return v, KeyError.New(Repr(key))
	}
	delete(m, key)
	return v, nil
}
