//go:build windows || darwin || android || ios || js

package editor

// HasDisplay reports whether a graphical display can be reached: Windows
// and macOS always have one.
func HasDisplay() bool { return true }
