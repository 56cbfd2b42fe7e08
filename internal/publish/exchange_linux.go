package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeDirs swaps a and b in one step with renameat2(RENAME_EXCHANGE).
// Old kernels and some file systems do not support it.
func exchangeDirs(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errExchangeUnsupported
	}
	return err
}
