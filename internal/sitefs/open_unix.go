//go:build unix

package sitefs

import "syscall"

// openFlags keep an open from blocking on a named pipe or following a
// link put in place after the path was checked.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOFOLLOW
