//go:build !windows && !darwin && !android && !ios && !js

package editor

import "os"

// HasDisplay reports whether a graphical display can be reached: on X11
// and Wayland systems, whether DISPLAY or WAYLAND_DISPLAY names one (GLFW
// panics without).
func HasDisplay() bool { return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" }
