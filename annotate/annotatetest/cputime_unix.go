//go:build unix

package annotatetest

import (
	"syscall"
	"time"
)

// ProcessCPU returns the CPU time the process has used, user and system: on
// a shared machine it measures the work where wall time measures the queue.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
