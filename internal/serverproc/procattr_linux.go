package serverproc

import "syscall"

// procAttr asks the kernel to kill the server when the test binary dies,
// even by SIGKILL, so no server outlives its test holding ports.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
