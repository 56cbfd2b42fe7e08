//go:build !unix

package sitefs

// openFlags: this system has no O_NONBLOCK or O_NOFOLLOW; the mode is
// checked before the open instead.
const openFlags = 0
