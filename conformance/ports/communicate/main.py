# Popen.communicate's POSIX loop, in the shape of CPython 3.11
# Lib/subprocess.py: Popen._communicate (with _PopenSelector, _PIPE_BUF,
# _remaining_time and _check_timeout): stdin registered for EVENT_WRITE and
# fed PIPE_BUF bytes at a time from a memoryview with os.write, stdout and
# stderr for EVENT_READ and read with os.read, each unregistered and closed
# at EOF (stdin also on BrokenPipeError), TimeoutExpired once the deadline
# has passed, and the documented kill-then-communicate after it. Our own
# simplified program, written for pyselect; BSD-3-Clause.
# Usage: main.py [select]  -- run four children and print what each
# returned, on a PollSelector (a SelectSelector with 'select').
import os
import select
import selectors
import subprocess
import sys
import time

if hasattr(selectors, 'PollSelector') and 'select' not in sys.argv[1:]:
    _PopenSelector = selectors.PollSelector
else:
    _PopenSelector = selectors.SelectSelector

_PIPE_BUF = getattr(select, 'PIPE_BUF', 512)


def remaining_time(endtime):
    if endtime is None:
        return None
    return endtime - time.monotonic()


class Child:
    def __init__(self, args):
        self.args = args
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.output = {self.proc.stdout: [], self.proc.stderr: []}
        self.open = {self.proc.stdin, self.proc.stdout, self.proc.stderr}
        self.offset = 0

    def communicate(self, input, timeout=None):
        endtime = None if timeout is None else time.monotonic() + timeout
        with _PopenSelector() as selector:
            if input and self.proc.stdin in self.open:
                selector.register(self.proc.stdin, selectors.EVENT_WRITE)
            elif self.proc.stdin in self.open:
                self.open.discard(self.proc.stdin)
                self.proc.stdin.close()
            for f in self.open:
                if f is not self.proc.stdin:
                    selector.register(f, selectors.EVENT_READ)
            view = memoryview(input)
            while selector.get_map():
                remaining = remaining_time(endtime)
                if remaining is not None and remaining < 0:
                    raise subprocess.TimeoutExpired(self.args, timeout)
                ready = selector.select(remaining)
                if endtime is not None and time.monotonic() > endtime:
                    raise subprocess.TimeoutExpired(self.args, timeout)
                for key, events in ready:
                    if key.fileobj is self.proc.stdin:
                        chunk = view[self.offset:self.offset + _PIPE_BUF]
                        try:
                            self.offset += os.write(key.fd, chunk)
                        except BrokenPipeError as e:
                            print('stdin:', type(e).__name__, e.errno, 'input left', self.offset < len(input), flush=True)
                            selector.unregister(key.fileobj)
                            self.open.discard(key.fileobj)
                            key.fileobj.close()
                        else:
                            if self.offset >= len(input):
                                selector.unregister(key.fileobj)
                                self.open.discard(key.fileobj)
                                key.fileobj.close()
                    else:
                        data = os.read(key.fd, 32768)
                        if not data:
                            selector.unregister(key.fileobj)
                            self.open.discard(key.fileobj)
                            key.fileobj.close()
                        self.output[key.fileobj].append(data)
        stdout = b''.join(self.output[self.proc.stdout])
        stderr = b''.join(self.output[self.proc.stderr])
        return stdout, stderr


def show(name, child, stdout, stderr, input):
    returncode = child.proc.wait()
    print(name, 'stdout', len(stdout), 'bytes', stdout[:12], 'is input', stdout == input, flush=True)
    print(name, 'stderr', stderr, 'returncode', returncode, flush=True)


big = bytes(range(256)) * 1024
for name, args, input in [
        ('cat', ['cat'], big),
        ('both', ['sh', '-c', 'echo to stdout; echo to stderr >&2; exit 3'], b''),
        ('early', ['head', '-c', '5'], big)]:
    child = Child(args)
    stdout, stderr = child.communicate(input)
    show(name, child, stdout, stderr, input)

child = Child(['sh', '-c', 'echo started; exec sleep 30'])
try:
    child.communicate(b'', timeout=0.5)
except subprocess.TimeoutExpired as e:
    print('timeout', type(e).__name__, e.timeout, flush=True)
    child.proc.kill()
    stdout, stderr = child.communicate(b'')
    show('timeout', child, stdout, stderr, b'')
print('done', flush=True)
