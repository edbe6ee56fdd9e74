package e2e

import "syscall"

// dieWithParent makes the kernel kill the server when the test binary dies, so a
// crashed or killed test run leaves no server holding its ports.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
