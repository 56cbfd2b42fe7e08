//go:build unix

package browsertest

import (
	"os/exec"
	"syscall"
)

// ownGroup starts the browser in a process group of its own, so that
// stopping it stops its renderer and helper processes too.
func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills the browser's process group: only the processes it
// started.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
