package gethdev

import "syscall"

// procAttr puts geth in its own process group, so a terminal's Ctrl-C reaches only the
// test binary, and asks the kernel to kill geth when the test binary dies, even by SIGKILL.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
