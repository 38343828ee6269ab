package emulator

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// detach starts the emulator in a process group of its own, so Ctrl-C in
// the console that ran `infra local up` does not reach it.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_PROCESS_GROUP}
}

// stop terminates the emulator: Windows has no SIGTERM for a detached
// console process, so both attempts terminate it.
func stop(pid int, _ bool) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
		_ = p.Release()
	}
}

// stillActive is GetExitCodeProcess's code for a running process.
const stillActive = 259

func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	var code uint32
	return windows.GetExitCodeProcess(h, &code) == nil && code == stillActive
}

// Alive reports whether a process of this host runs; `infra lock status`
// asks it about the process behind a lock.
func Alive(pid int) bool { return alive(pid) }
