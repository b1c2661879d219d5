// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

package selectors

import (
	"errors"
	"iter"
	"reflect"
	"strconv"
	"sync"

	"github.com/pyselect/pyselect/sys/builtins"
	"github.com/pyselect/pyselect/sys/internal/fdconv"
)

// The events a selector waits for: Lib/selectors.py's EVENT_READ and
// EVENT_WRITE, plain (untyped) integers as Python's ints are.
//
//lint:ignore ST1003 Python's names, as pyselect keeps select's.
const (
	EVENT_READ  = 1 << 0
	EVENT_WRITE = 1 << 1
)

// A SelectorKey is selectors.SelectorKey, the namedtuple (fileobj, fd,
// events, data) that associates a registered file object with its file
// descriptor, the events waited for, and the caller's data. Fileobj is
// the caller's own value, as passed to Register.
//
// Register, GetKey, the Map and Select all return the same *SelectorKey
// for a registration, as Python returns the same tuple; Modify makes a
// new one when something changed (Python's key._replace). A key is
// never changed once made: treat it as read-only, as Python's tuple is.
type SelectorKey[D any] struct {
	Fileobj any
	Fd      int
	Events  int
	Data    D
}

// A Ready is one (key, events) pair of the list Select returns: the key
// of a file object that is ready, and which of its Events are.
type Ready[D any] struct {
	Key    *SelectorKey[D]
	Events int
}

// BaseSelector is selectors.BaseSelector, the interface every selector
// has. Python's optional arguments are variadics (pyselect's rule): data
// (at most one; none is D's zero value, Python's None) and Select's
// timeout (none is None: block).
type BaseSelector[D any] interface {
	Register(fileobj any, events int, data ...D) (*SelectorKey[D], error)
	Unregister(fileobj any) (*SelectorKey[D], error)
	Modify(fileobj any, events int, data ...D) (*SelectorKey[D], error)
	Select(timeout ...any) ([]Ready[D], error)
	Close() error
	GetKey(fileobj any) (*SelectorKey[D], error)
	GetMap() Map[D]
}

// A Map is the read-only mapping get_map() returns: the registered keys,
// by file object, in Python's dict order (registration order; a
// SelectSelector's or KqueueSelector's Modify of the events moves the key
// to the end, as it unregisters and registers again).
//
//	Python                           Go
//	len(m), bool(m)                  m.Len(), m.Len() > 0
//	m[f]                             m.Get(f)  // KeyError "f is not registered"
//	m.get(f), f in m                 key, ok := m.Lookup(f)
//	for fd in m:                     for fd := range m.Keys()
//	m.values()                       m.Values()
//	for fd, key in m.items():        for fd, key := range m.All()
//
// As in Python, the mapping's keys are file descriptors, and a lookup by
// file object goes through its fd (or, for a file object that no longer
// has one, its identity). The iterators see the keys registered when
// iteration starts; Python raises RuntimeError when the dict changes
// during iteration instead.
type Map[D any] interface {
	// Len is len(m).
	Len() int
	// Get is m[fileobj]: the key, KeyError "fileobj is not registered",
	// or ValueError "Invalid file object: ..." for a value with no fd.
	Get(fileobj any) (*SelectorKey[D], error)
	// Lookup is m.get(fileobj) and fileobj in m: Get with its error
	// turned into false. (Python's get re-raises the ValueError of an
	// invalid file object; call Get to see it.)
	Lookup(fileobj any) (*SelectorKey[D], bool)
	// All is m.items(): (fd, key) pairs in order.
	All() iter.Seq2[int, *SelectorKey[D]]
	// Keys is iter(m): the registered fds in order.
	Keys() iter.Seq[int]
	// Values is m.values(): the keys in order.
	Values() iter.Seq[*SelectorKey[D]]
}

// Errors with a fixed message.
func errSelectorClosed() *builtins.Error {
	return &builtins.Error{Exception: builtins.RuntimeError, Message: "Selector is closed"}
}

func valueError(msg string) error {
	return &builtins.Error{Exception: builtins.ValueError, Message: msg}
}

// keyError is KeyError(msg): str() of a KeyError is the repr of its
// argument, so the message is quoted as Python prints it.
func keyError(msg string) error {
	return &builtins.Error{Exception: builtins.KeyError, Message: builtins.Repr(msg)}
}

func notRegistered(fileobj any) error {
	return keyError(builtins.Repr(fileobj) + " is not registered")
}

// tooManyArgs is Python's TypeError for a call with more than one data
// argument; method is the qualified name CPython reports
// ("SelectSelector.register").
func tooManyArgs(method string, data int) error { return tooMany(method, 3, data+3) }

// tooMany is Python's TypeError for a method that takes from required
// to required+1 positional arguments (self counted) called with given.
func tooMany(method string, required, given int) error {
	return &builtins.Error{Exception: builtins.TypeError, Message: method + "() takes from " + strconv.Itoa(required) +
		" to " + strconv.Itoa(required+1) + " positional arguments but " + strconv.Itoa(given) + " were given"}
}

// timeoutArg is select(timeout=None)'s optional argument, as its variadic
// holds it (pyselect's doc.go states the rule): nil (None) when left out;
// more than one is TypeError "<method>() takes from 1 to 2 positional
// arguments but 3 were given".
func timeoutArg(method string, timeout []any) (any, error) {
	switch len(timeout) {
	case 0:
		return nil, nil
	case 1:
		return timeout[0], nil
	}
	return nil, tooMany(method, 1, len(timeout)+1)
}

// errBeyondInt is fileobjToFd's error for an int fd a Go int cannot hold:
// 2**63 and up (a uint64), or 2**31 and up where int has 32 bits.
// Python's _fileobj_to_fd takes any int, and no key can have such an fd,
// so a lookup of it is KeyError "... is not registered" (notRegistered),
// and register, which would make the key, is OverflowError, as the C call
// of CPython's poll-like selectors raises (registerLocked). It never
// leaves the package.
var errBeyondInt = errors.New("selectors: fd beyond a Go int")

// fileobjToFd is Lib/selectors.py's _fileobj_to_fd: an int is the fd;
// otherwise its fileno(), where an AttributeError, TypeError or
// ValueError (no fileno, a closed file, a fileno() that fails so)
// becomes ValueError "Invalid file object: <repr>". A negative fd is
// ValueError "Invalid file descriptor: <fd>"; one a Go int cannot hold
// is errBeyondInt.
func fileobjToFd(fileobj any) (int, error) {
	fd, err := fdconv.Int64(fileobj)
	if err != nil {
		if rv := reflect.ValueOf(fileobj); rv.CanInt() || rv.CanUint() {
			return -1, errBeyondInt // an int fails only beyond int64
		}
		// except (AttributeError, TypeError, ValueError), subclasses too
		if errors.Is(err, builtins.AttributeError) || errors.Is(err, builtins.TypeError) || errors.Is(err, builtins.ValueError) {
			return -1, valueError("Invalid file object: " + builtins.Repr(fileobj))
		}
		return -1, err
	}
	if fd < 0 {
		return -1, valueError("Invalid file descriptor: " + strconv.FormatInt(fd, 10))
	}
	if int64(int(fd)) != fd { // only where int has 32 bits
		return -1, errBeyondInt
	}
	return int(fd), nil
}

// A fileobjRef is a file object as a selector method takes it: the
// caller's value, and its fd or the error _fileobj_to_fd makes of it.
//
// Fileno and String are the caller's code, which may call the selector
// back (a Python fileno() or __repr__ may call sel.get_key), so they never
// run while the selector is locked: a method reads fileobj's fd once,
// before it locks (refOf), and the KeyErrors whose messages show
// fileobj's repr are made once it has unlocked (explain).
type fileobjRef struct {
	obj any
	fd  int
	err error
}

// refOf reads fileobj's fd, with fileobjToFd.
func refOf(fileobj any) fileobjRef {
	fd, err := fileobjToFd(fileobj)
	return fileobjRef{fileobj, fd, err}
}

// The KeyErrors of a locked step, until explain gives them their message:
// errNotRegistered is "<repr> is not registered", a registeredError
// "<repr> (FD <fd>) is already registered".
type (
	notRegisteredError struct{}
	registeredError    int
)

var errNotRegistered error = notRegisteredError{}

func (notRegisteredError) Error() string { return "not registered" }
func (registeredError) Error() string    { return "already registered" }

// explain is err, with the KeyErrors of f's locked steps given their
// messages. Every method that passes f to a locked step returns
// f.explain(err), after the selector is unlocked.
func (f fileobjRef) explain(err error) error {
	switch e := err.(type) {
	case notRegisteredError:
		return notRegistered(f.obj)
	case registeredError:
		return keyError(builtins.Repr(f.obj) + " (FD " + strconv.Itoa(int(e)) + ") is already registered")
	}
	return err
}

// locked is op(f) with k.mu held, and its error explained once k.mu is
// released: how a method runs its locked steps.
func locked[D any](k *keys[D], f fileobjRef, op func(fileobjRef) (*SelectorKey[D], error)) (*SelectorKey[D], error) {
	key, err := func() (*SelectorKey[D], error) {
		k.mu.Lock()
		defer k.mu.Unlock()
		return op(f)
	}()
	return key, f.explain(err)
}

// keys is _BaseSelectorImpl's _fd_to_key, the dict of keys by fd, in
// insertion order, and the state every selector shares. Its methods
// whose names end in Locked need mu held.
type keys[D any] struct {
	mu     sync.Mutex
	index  map[int]int       // fd -> position in order
	order  []*SelectorKey[D] // nil where a key was removed
	holes  int               // nil entries in order
	closed bool              // close() ran: get_map() is None
}

// lookupLocked is _fileobj_lookup: the fd of f, or for a file object
// that has none any more (closed), the fd it was registered with, found by
// identity.
func (k *keys[D]) lookupLocked(f fileobjRef) (int, error) {
	if f.err == nil || !errors.Is(f.err, builtins.ValueError) {
		return f.fd, f.err
	}
	for _, key := range k.order {
		if key != nil && same(key.Fileobj, f.obj) {
			return key.Fd, nil
		}
	}
	return -1, f.err
}

// same is Python's "is" for two file objects, and for two data values
// that are not numbers (equalData) the part of Python's == that Go can
// say without calling the caller's code: comparable values (pointers,
// strings, ...) that are equal and of the same type; a map, or a slice of
// the same elements and length, that is the same object. Other values
// (funcs, different maps and slices, structs holding them) are never the
// same: a file object found by identity is the one registered, and Modify
// keeps the new data (Python keeps the old key when the data is equal).
func same(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if !va.IsValid() || !vb.IsValid() {
		return !va.IsValid() && !vb.IsValid()
	}
	if va.Type() != vb.Type() {
		return false
	}
	switch va.Kind() {
	case reflect.Map:
		return va.UnsafePointer() == vb.UnsafePointer()
	case reflect.Slice:
		return va.UnsafePointer() == vb.UnsafePointer() && va.Len() == vb.Len()
	}
	return va.Comparable() && vb.Comparable() && va.Equal(vb)
}

func (k *keys[D]) getLocked(fd int) *SelectorKey[D] {
	if i, ok := k.index[fd]; ok {
		return k.order[i]
	}
	return nil
}

// addLocked appends key at the end of the order.
func (k *keys[D]) addLocked(key *SelectorKey[D]) {
	if k.index == nil {
		k.index = make(map[int]int)
	}
	k.index[key.Fd] = len(k.order)
	k.order = append(k.order, key)
}

// replaceLocked puts key in place of the key with its fd.
func (k *keys[D]) replaceLocked(key *SelectorKey[D]) { k.order[k.index[key.Fd]] = key }

// popLocked removes and returns the key of fd, or nil.
func (k *keys[D]) popLocked(fd int) *SelectorKey[D] {
	i, ok := k.index[fd]
	if !ok {
		return nil
	}
	key := k.order[i]
	delete(k.index, fd)
	k.order[i] = nil
	k.holes++
	if k.holes > 16 && k.holes > len(k.order)/2 {
		k.compactLocked()
	}
	return key
}

func (k *keys[D]) compactLocked() {
	live := k.order[:0]
	for _, key := range k.order {
		if key != nil {
			k.index[key.Fd] = len(live)
			live = append(live, key)
		}
	}
	clear(k.order[len(live):])
	k.order, k.holes = live, 0
}

func (k *keys[D]) lenLocked() int { return len(k.index) }

// registerLocked is _BaseSelectorImpl.register.
func (k *keys[D]) registerLocked(method string, f fileobjRef, events int, data []D) (*SelectorKey[D], error) {
	if len(data) > 1 {
		return nil, tooManyArgs(method, len(data))
	}
	if events == 0 || events&^(EVENT_READ|EVENT_WRITE) != 0 {
		return nil, valueError("Invalid events: " + strconv.Itoa(events))
	}
	fd, err := k.lookupLocked(f)
	if err == errBeyondInt {
		return nil, &builtins.Error{Exception: builtins.OverflowError, Message: "Python int too large to convert to C int"}
	}
	if err != nil {
		return nil, err
	}
	key := &SelectorKey[D]{Fileobj: f.obj, Fd: fd, Events: events}
	if len(data) == 1 {
		key.Data = data[0]
	}
	if k.getLocked(fd) != nil {
		return nil, registeredError(fd)
	}
	k.addLocked(key)
	return key, nil
}

// unregisterLocked is _BaseSelectorImpl.unregister: the registered key
// of f (keyOfLocked's rules), removed.
func (k *keys[D]) unregisterLocked(f fileobjRef) (*SelectorKey[D], error) {
	key, err := k.keyOfLocked(f)
	if err != nil {
		return nil, err
	}
	return k.popLocked(key.Fd), nil
}

// keyOfLocked is the first step of every modify, get_key and unregister:
// the registered key of fileobj, or KeyError.
func (k *keys[D]) keyOfLocked(f fileobjRef) (*SelectorKey[D], error) {
	fd, err := k.lookupLocked(f)
	if err == errBeyondInt {
		return nil, errNotRegistered
	}
	if err != nil {
		return nil, err
	}
	key := k.getLocked(fd)
	if key == nil {
		return nil, errNotRegistered
	}
	return key, nil
}

// closeLocked is _BaseSelectorImpl.close: forget every key; get_map()
// is None from now on.
func (k *keys[D]) closeLocked() {
	clear(k.index)
	clear(k.order)
	k.order, k.holes = k.order[:0], 0
	k.closed = true
}

// GetKey is BaseSelector.get_key: the key of a registered file object.
// After Close it is RuntimeError "Selector is closed"; a file object not
// registered is KeyError "<repr> is not registered"; one with no fd that
// was never registered, ValueError "Invalid file object: <repr>".
func (k *keys[D]) GetKey(fileobj any) (*SelectorKey[D], error) {
	return locked(k, refOf(fileobj), func(f fileobjRef) (*SelectorKey[D], error) {
		if k.closed {
			return nil, errSelectorClosed()
		}
		return k.keyOfLocked(f)
	})
}

// GetMap is get_map(): the read-only Map of the registered keys, which
// follows the selector's changes. After Close it is Python's None as a
// Map: its Len is 0, so that "while sel.get_map():", ported as "for
// sel.GetMap().Len() > 0", ends, and its Get is TypeError "'NoneType'
// object is not subscriptable"; a Map obtained before stays usable and
// is empty.
func (k *keys[D]) GetMap() Map[D] {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.closed {
		return noneMap[D]{}
	}
	return keyMap[D]{k}
}

// noneMap is get_map() after close(), Python's None as a Map: false
// (Len 0), and its other uses Python's errors for None: None[f] is
// TypeError "'NoneType' object is not subscriptable"; Lookup, which has
// no error, is not found; the iterators yield nothing where Python's
// iter(None) raises TypeError. A Go method on a nil Map would panic.
type noneMap[D any] struct{}

func (noneMap[D]) Len() int { return 0 }

func (noneMap[D]) Get(any) (*SelectorKey[D], error) {
	return nil, &builtins.Error{Exception: builtins.TypeError, Message: "'NoneType' object is not subscriptable"}
}

func (noneMap[D]) Lookup(any) (*SelectorKey[D], bool) { return nil, false }
func (noneMap[D]) All() iter.Seq2[int, *SelectorKey[D]] {
	return func(func(int, *SelectorKey[D]) bool) {}
}
func (noneMap[D]) Keys() iter.Seq[int]               { return func(func(int) bool) {} }
func (noneMap[D]) Values() iter.Seq[*SelectorKey[D]] { return func(func(*SelectorKey[D]) bool) {} }

// keyFromFdLocked is _key_from_fd.
func (k *keys[D]) keyFromFdLocked(fd int) *SelectorKey[D] { return k.getLocked(fd) }

// keyMap is _SelectorMapping.
type keyMap[D any] struct{ k *keys[D] }

func (m keyMap[D]) Len() int {
	m.k.mu.Lock()
	defer m.k.mu.Unlock()
	return m.k.lenLocked()
}

func (m keyMap[D]) Get(fileobj any) (*SelectorKey[D], error) {
	return locked(m.k, refOf(fileobj), m.k.keyOfLocked)
}

func (m keyMap[D]) Lookup(fileobj any) (*SelectorKey[D], bool) {
	key, err := m.Get(fileobj)
	return key, err == nil
}

// snapshot is the keys in order, for the iterators.
func (m keyMap[D]) snapshot() []*SelectorKey[D] {
	m.k.mu.Lock()
	defer m.k.mu.Unlock()
	s := make([]*SelectorKey[D], 0, m.k.lenLocked())
	for _, key := range m.k.order {
		if key != nil {
			s = append(s, key)
		}
	}
	return s
}

func (m keyMap[D]) All() iter.Seq2[int, *SelectorKey[D]] {
	return func(yield func(int, *SelectorKey[D]) bool) {
		for _, key := range m.snapshot() {
			if !yield(key.Fd, key) {
				return
			}
		}
	}
}

func (m keyMap[D]) Keys() iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, key := range m.snapshot() {
			if !yield(key.Fd) {
				return
			}
		}
	}
}

func (m keyMap[D]) Values() iter.Seq[*SelectorKey[D]] {
	return func(yield func(*SelectorKey[D]) bool) {
		for _, key := range m.snapshot() {
			if !yield(key) {
				return
			}
		}
	}
}

// readyLocked appends (key, events & key.events) for fd to ready if fd
// is still registered: Select's last step in every selector.
func (k *keys[D]) readyLocked(ready []Ready[D], fd, events int) []Ready[D] {
	if key := k.keyFromFdLocked(fd); key != nil {
		ready = append(ready, Ready[D]{Key: key, Events: events & key.Events})
	}
	return ready
}

// interrupted is every Select's "except InterruptedError: return ready":
// the empty list for InterruptedError, else the error. (pyselect already
// retries EINTR as PEP 475 says, so InterruptedError does not reach here
// from the kernel.)
func interrupted[D any](err error) ([]Ready[D], error) {
	if builtins.ExceptionOf(err) == builtins.InterruptedError {
		return []Ready[D]{}, nil
	}
	return nil, err
}
