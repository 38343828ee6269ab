//go:build !linux && !darwin && !windows

package tf

// totalMemory is unknown here: parallelism is bounded by cores alone.
func totalMemory() (uint64, bool) { return 0, false }
