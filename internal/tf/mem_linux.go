package tf

import "golang.org/x/sys/unix"

// totalMemory is the machine's RAM in bytes.
func totalMemory() (uint64, bool) {
	var si unix.Sysinfo_t
	if err := unix.Sysinfo(&si); err != nil {
		return 0, false
	}
	return uint64(si.Totalram) * uint64(si.Unit), true
}
