//go:build !linux

package e2e

import "syscall"

// dieWithParent has no portable equivalent off Linux; stop still ends the server.
func dieWithParent() *syscall.SysProcAttr { return nil }
