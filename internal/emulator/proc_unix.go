//go:build unix

package emulator

import (
	"os/exec"
	"syscall"
)

// detach starts the emulator in a process group of its own: it outlives
// this command and is stopped as a group (moto may fork workers).
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// stop signals the emulator's process group: politely first, then force.
func stop(pid int, force bool) {
	sig := syscall.SIGTERM
	if force {
		sig = syscall.SIGKILL
	}
	_ = syscall.Kill(-pid, sig)
}

func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	// A zombie still accepts signal 0; it is not alive for our purposes.
	return !zombie(pid)
}

// Alive reports whether a process of this host runs (not a zombie); `infra
// lock status` asks it about the process behind a lock.
func Alive(pid int) bool { return alive(pid) }
