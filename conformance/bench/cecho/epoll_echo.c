// Copyright 2026 The pyselect Authors. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be
// found in the LICENSE file.

// epoll_echo.c is conformance/bench/python/epoll_echo.py written in C on
// epoll(7) directly: the physical floor of the echo benchmark. Same
// program: a non-blocking listening socket on 127.0.0.1, level-triggered
// epoll, each connection registered for EPOLLIN and switched to EPOLLOUT
// only while part of its echo is unsent, reads of up to 4096 bytes, a
// 1-second epoll_wait timeout, and up to 1023 events a wait (Python's
// default maxevents, FD_SETSIZE - 1). What it costs per request is the
// kernel's work and the least user-space work an epoll loop can do.
//
// `make bench` builds it with cc when there is one:
//
//	cc -O2 -o cecho conformance/bench/cecho/epoll_echo.c
//
// Usage: cecho [port] (0 or none for any; the port is printed on the first
// line). Other arguments are ignored. SIGTERM ends it.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFSIZE 4096
#define MAXEVENTS 1023

// A conn is what the Python program keeps in its responses dict: the part
// of a connection's echo not yet sent.
struct conn {
	char *pending;
	size_t len, cap;
};

static struct conn *conns; // indexed by fd
static size_t nconns;
static int ep;

static void die(const char *what) {
	perror(what);
	exit(1);
}

// conn returns fd's entry, growing the table as fds grow.
static struct conn *conn(int fd) {
	if ((size_t)fd >= nconns) {
		size_t n = nconns ? nconns : 1024;
		while (n <= (size_t)fd)
			n *= 2;
		conns = realloc(conns, n * sizeof *conns);
		if (conns == NULL)
			die("realloc");
		memset(conns + nconns, 0, (n - nconns) * sizeof *conns);
		nconns = n;
	}
	return &conns[fd];
}

static void ctl(int op, int fd, unsigned events) {
	struct epoll_event ev = {.events = events, .data.fd = fd};
	if (epoll_ctl(ep, op, fd, &ev) < 0)
		die("epoll_ctl");
}

// drop is the Python program's unregister, close and del.
static void drop(int fd) {
	ctl(EPOLL_CTL_DEL, fd, 0);
	close(fd);
	conn(fd)->len = 0;
}

// flush sends what is pending for fd; it returns -1 if the connection
// failed, else the bytes still pending.
static ssize_t flush(int fd, struct conn *c) {
	ssize_t n = send(fd, c->pending, c->len, MSG_NOSIGNAL);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? (ssize_t)c->len : -1;
	memmove(c->pending, c->pending + n, c->len - (size_t)n);
	c->len -= (size_t)n;
	return (ssize_t)c->len;
}

// queue appends n bytes to fd's pending echo.
static void queue(struct conn *c, const char *buf, size_t n) {
	if (c->len + n > c->cap) {
		c->cap = c->len + n > 2 * c->cap ? c->len + n : 2 * c->cap;
		c->pending = realloc(c->pending, c->cap);
		if (c->pending == NULL)
			die("realloc");
	}
	memcpy(c->pending + c->len, buf, n);
	c->len += n;
}

int main(int argc, char **argv) {
	int port = argc > 1 ? atoi(argv[1]) : 0;
	int srv = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (srv < 0)
		die("socket");
	int one = 1;
	setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(srv, (struct sockaddr *)&addr, sizeof addr) < 0)
		die("bind");
	if (listen(srv, 1024) < 0)
		die("listen");
	socklen_t alen = sizeof addr;
	if (getsockname(srv, (struct sockaddr *)&addr, &alen) < 0)
		die("getsockname");
	printf("%d\n", ntohs(addr.sin_port));
	fflush(stdout);

	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0)
		die("epoll_create1");
	ctl(EPOLL_CTL_ADD, srv, EPOLLIN);

	static struct epoll_event events[MAXEVENTS];
	static char buf[BUFSIZE];
	for (;;) {
		int n = epoll_wait(ep, events, MAXEVENTS, 1000);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("epoll_wait");
		}
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			unsigned ev = events[i].events;
			if (fd == srv) {
				int c = accept4(srv, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
				if (c < 0)
					continue; // EAGAIN, or a connection reset before accept
				ctl(EPOLL_CTL_ADD, c, EPOLLIN);
				conn(c)->len = 0;
			} else if (ev & EPOLLIN) {
				ssize_t r = recv(fd, buf, sizeof buf, 0);
				if (r < 0 && (errno == EAGAIN || errno == EINTR))
					continue;
				if (r <= 0) { // EOF, or a connection error: Python's b''
					drop(fd);
					continue;
				}
				struct conn *c = conn(fd);
				queue(c, buf, (size_t)r);
				ssize_t left = flush(fd, c);
				if (left < 0)
					drop(fd);
				else if (left > 0)
					ctl(EPOLL_CTL_MOD, fd, EPOLLOUT);
			} else if (ev & EPOLLOUT) {
				ssize_t left = flush(fd, conn(fd));
				if (left < 0)
					drop(fd);
				else if (left == 0)
					ctl(EPOLL_CTL_MOD, fd, EPOLLIN);
			} else if (ev & EPOLLHUP) {
				drop(fd);
			}
		}
	}
}
