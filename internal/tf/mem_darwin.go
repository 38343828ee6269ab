package tf

import "golang.org/x/sys/unix"

// totalMemory is the machine's RAM in bytes.
func totalMemory() (uint64, bool) {
	n, err := unix.SysctlUint64("hw.memsize")
	return n, err == nil
}
