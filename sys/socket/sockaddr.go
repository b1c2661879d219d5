// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

//go:build unix || windows

package socket

import (
	"context"
	"net"
	"net/netip"

	"github.com/pyselect/pyselect/sys/builtins"
)

// A sockAddr is an address checked and resolved for the kernel: what
// CPython's getsockaddrarg fills a struct sockaddr with. The system's
// files make the kernel's form of it (sockaddr_linux.go and sys_windows.go
// build the struct themselves; elsewhere x/sys does, without flowinfo).
type sockAddr struct {
	family   AddressFamily
	ip       netip.Addr // AF_INET, AF_INET6
	port     int
	flowinfo uint32 // AF_INET6
	scopeID  uint32 // AF_INET6
	//lint:ignore U1000 AF_UNIX's, which Python on Windows has not.
	path string
}

// sockaddr is CPython's getsockaddrarg: the kernel's address for a, for a
// socket of family; caller names the method in CPython's messages
// ("bind(): port must be 0-65535.").
func sockaddr(family AddressFamily, a Address, caller string) (sockAddr, error) {
	switch family {
	case afUnix:
		return unixSockaddr(a, caller)
	case AF_INET:
		var in AddrInet
		switch x := a.(type) {
		case AddrInet:
			in = x
		case AddrInet6:
			return sockAddr{}, builtins.TypeError.New("AF_INET address must be a pair (host, port)")
		default:
			return sockAddr{}, builtins.TypeError.New(caller + "(): AF_INET address must be tuple, not " + pyTypeName(a))
		}
		if err := checkPort(in.Port, caller); err != nil {
			return sockAddr{}, err
		}
		ip, err := hostAddr(in.Host, AF_INET)
		if err != nil {
			return sockAddr{}, err
		}
		return sockAddr{family: AF_INET, ip: ip, port: in.Port}, nil
	case AF_INET6:
		var in AddrInet6
		switch x := a.(type) {
		case AddrInet:
			in = AddrInet6{Host: x.Host, Port: x.Port}
		case AddrInet6:
			in = x
		default:
			return sockAddr{}, builtins.TypeError.New(caller + "(): AF_INET6 address must be tuple, not " + pyTypeName(a))
		}
		if err := checkPort(in.Port, caller); err != nil {
			return sockAddr{}, err
		}
		ip, err := hostAddr(in.Host, AF_INET6)
		if err != nil {
			return sockAddr{}, err
		}
		// CPython reads flowinfo and scope_id as C unsigned ints ("I").
		return sockAddr{family: AF_INET6, ip: ip, port: in.Port, flowinfo: uint32(in.Flowinfo), scopeID: uint32(in.ScopeID)}, nil
	}
	return sockAddr{}, builtins.OSError.New(caller + "(): bad family")
}

func checkPort(port int, caller string) error {
	if port < 0 || port > 0xffff {
		return builtins.OverflowError.New(caller + "(): port must be 0-65535.")
	}
	return nil
}

// hostAddr is CPython's setipaddr: "" is the wildcard address,
// "<broadcast>" INADDR_BROADCAST, a numeric address itself, and a name is
// looked up (Go's resolver stands in for getaddrinfo(3): it reads the
// same /etc/hosts and resolv.conf). A failed lookup is Gaierror.
func hostAddr(host string, family AddressFamily) (netip.Addr, error) {
	switch {
	case host == "":
		if family == AF_INET {
			return netip.IPv4Unspecified(), nil
		}
		return netip.IPv6Unspecified(), nil
	case host == "<broadcast>" || host == "255.255.255.255":
		if family == AF_INET {
			return netip.AddrFrom4([4]byte{255, 255, 255, 255}), nil
		}
		return netip.Addr{}, builtins.OSError.New("address family mismatched")
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if (family == AF_INET) != ip.Is4() {
			return netip.Addr{}, errAddrFamily()
		}
		return ip, nil
	}
	network := "ip4"
	if family == AF_INET6 {
		network = "ip6"
	}
	ips, err := net.DefaultResolver.LookupNetIP(context.Background(), network, host)
	if err != nil || len(ips) == 0 {
		return netip.Addr{}, lookupError(host, err)
	}
	return ips[0].Unmap(), nil
}

// familyOf is the family of an address, AF_UNSPEC for none.
func familyOf(a Address) AddressFamily {
	switch a.(type) {
	case AddrInet:
		return AF_INET
	case AddrInet6:
		return AF_INET6
	case AddrUnix:
		return afUnix
	}
	return AF_UNSPEC
}

// A resolved is one of getaddrinfo(3)'s answers: the family to make a
// socket of, and the numeric host.
type resolved struct {
	family AddressFamily
	host   string
}

// lookup is getaddrinfo(host, port, 0, SOCK_STREAM) for create_connection:
// a numeric host is its one address, a name every address Go's resolver
// finds, in the order RFC 6724 gives them, as glibc's getaddrinfo orders
// them.
func lookup(host string) ([]resolved, error) {
	if ip, err := netip.ParseAddr(host); err == nil {
		return []resolved{{familyOfAddr(ip), ip.String()}}, nil
	}
	ips, err := net.DefaultResolver.LookupNetIP(context.Background(), "ip", host)
	if err != nil || len(ips) == 0 {
		return nil, lookupError(host, err)
	}
	r := make([]resolved, len(ips))
	for i, ip := range ips {
		ip = ip.Unmap()
		r[i] = resolved{familyOfAddr(ip), ip.String()}
	}
	return r, nil
}

func familyOfAddr(ip netip.Addr) AddressFamily {
	if ip.Is4() {
		return AF_INET
	}
	return AF_INET6
}
