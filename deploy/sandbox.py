"""Runs a command under two of rectify.service's restrictions, for check-container-recipe.sh on a
host without systemd: W^X (MemoryDenyWriteExecute=, here the kernel's PR_SET_MDWE, Linux 6.3 or
later) and RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX (a seccomp filter failing socket(2) for
any other family with EAFNOSUPPORT, as systemd does). The caller must have set no_new_privs.

    python3 deploy/sandbox.py COMMAND [ARGUMENT...]
"""
import ctypes
import os
import platform
import sys

PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
AUDIT_ARCH_X86_64, NR_SOCKET = 0xC000003E, 41
AF_UNIX, AF_INET, AF_INET6, EAFNOSUPPORT = 1, 2, 10, 97
SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO = 0x7FFF0000, 0x00050000
LD_ABS_W, JEQ_K, RET_K = 0x20, 0x15, 0x06


class Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Instruction))]


def address_family_filter():
    """seccomp_data: nr at 0, arch at 4, args[0] (low half) at 16. Jumps count instructions skipped."""
    return [
        Instruction(LD_ABS_W, 0, 0, 4),
        Instruction(JEQ_K, 0, 7, AUDIT_ARCH_X86_64),
        Instruction(LD_ABS_W, 0, 0, 0),
        Instruction(JEQ_K, 0, 5, NR_SOCKET),
        Instruction(LD_ABS_W, 0, 0, 16),
        Instruction(JEQ_K, 3, 0, AF_UNIX),
        Instruction(JEQ_K, 2, 0, AF_INET),
        Instruction(JEQ_K, 1, 0, AF_INET6),
        Instruction(RET_K, 0, 0, SECCOMP_RET_ERRNO | EAFNOSUPPORT),
        Instruction(RET_K, 0, 0, SECCOMP_RET_ALLOW),
    ]


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: sandbox.py COMMAND [ARGUMENT...]")
    if platform.machine() != "x86_64":
        sys.exit("sandbox.py: the seccomp filter is written for x86_64")
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, None, 0, 0) != 0:
        sys.exit(f"sandbox.py: this kernel cannot enforce W^X (PR_SET_MDWE): {os.strerror(ctypes.get_errno())}")
    instructions = address_family_filter()
    array = (Instruction * len(instructions))(*instructions)
    program = Program(len(instructions), array)
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.cast(ctypes.pointer(program), ctypes.c_void_p), 0, 0) != 0:
        sys.exit(f"sandbox.py: the seccomp filter was refused: {os.strerror(ctypes.get_errno())}")
    os.execv(argv[1], argv[1:])


if __name__ == "__main__":
    main(sys.argv)
