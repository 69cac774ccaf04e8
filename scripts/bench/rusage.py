"""
Runs a command and writes what it cost as JSON: wall time, CPU time (user + system) and peak
resident memory, counting every process it started.

    python3 scripts/bench/rusage.py OUT.json COMMAND [ARGS...]

GNU time and process.resourceUsage() only see the command and the children it waits for. A
Trellis build starts Pagefind's indexer as a service process and ends it with a signal without
waiting for it, so its CPU would be missed. This script makes itself the command's subreaper
(Linux prctl): such processes are handed to it when their parent exits, it reaps them, and
their usage lands in its RUSAGE_CHILDREN with the rest.
"""
import ctypes
import json
import os
import resource
import signal
import sys
import threading
import time

PR_SET_CHILD_SUBREAPER = 36
LEFTOVER_SECONDS = 30

out, command = sys.argv[1], sys.argv[2:]
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit("rusage.py: prctl(PR_SET_CHILD_SUBREAPER) failed; this needs Linux")

started = time.monotonic()
child = os.fork()
if child == 0:
    os.setpgid(0, 0)
    os.execvp(command[0], command)
# Also here, so that the group exists before any signal is sent to it. When the child has run
# exec already (its own setpgid came first), the kernel refuses with EACCES: the group is there.
try:
    os.setpgid(child, child)
except (PermissionError, ProcessLookupError):
    pass

# The command has its own process group: pass stop requests on, and end leftovers that way.
def signal_group(signum):
    try:
        os.killpg(child, signum)
    except ProcessLookupError:
        pass  # everyone in it has exited already

signal.signal(signal.SIGINT, lambda signum, _: signal_group(signum))
signal.signal(signal.SIGTERM, lambda signum, _: signal_group(signum))
signal.signal(signal.SIGALRM, lambda *_: signal_group(signal.SIGKILL))

# Peak memory of each program (the Node.js build, Pagefind's indexer) on its own: the kernel's
# rusage only keeps the largest single process. Each process's high-water mark (VmHWM) is read
# from /proc while it runs; the last reading before it exits is its peak.
peaks = {}

def read_status(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
    except OSError:
        pass
    return fields

def sample_peaks():
    while True:
        group = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    if os.getpgid(int(entry)) == child:
                        group.append(entry)
                except OSError:
                    pass
        for pid in group:
            fields = read_status(pid)
            name, hwm = fields.get("Name"), fields.get("VmHWM", "").split(" ")[0]
            if name and hwm.isdigit():
                peaks[(name, pid)] = int(hwm)
        time.sleep(0.2)

threading.Thread(target=sample_peaks, daemon=True).start()

result = {}
while True:
    try:
        pid, status, _ = os.wait4(-1, 0)
    except ChildProcessError:
        break  # the command and everything it left behind are reaped
    if pid == child:
        result["wallSeconds"] = time.monotonic() - started
        if os.WIFSIGNALED(status):
            result["status"] = f"killed by signal {os.WTERMSIG(status)}"
        else:
            result["status"] = f"exit code {os.WEXITSTATUS(status)}"
        result["ok"] = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        signal.alarm(LEFTOVER_SECONDS)  # processes it left running get this long to finish

usage = resource.getrusage(resource.RUSAGE_CHILDREN)
result["cpuSeconds"] = usage.ru_utime + usage.ru_stime
result["peakRssKiB"] = usage.ru_maxrss  # the largest single process, in KiB on Linux
by_program = {}
for (name, _), kib in peaks.items():
    by_program[name] = max(by_program.get(name, 0), kib)
result["peakRssKiBByProgram"] = by_program
with open(out, "w", encoding="utf-8") as file:
    json.dump(result, file)
