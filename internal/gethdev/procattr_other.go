//go:build unix && !linux

package gethdev

import "syscall"

// procAttr puts geth in its own process group. Only Linux can tie geth's life to the test
// binary's (Pdeathsig); elsewhere Stop, normally run from t.Cleanup, is the only guard.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
