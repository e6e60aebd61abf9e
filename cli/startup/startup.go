// Package startup readies the process's environment before Fyne reads it.
//
// Fyne's lang package reads the user's locale in its init and logs an
// error ("Error parsing user locale C") when LANG is C.UTF-8, the default
// of many CI images and containers: noise on the stderr of every
// headless command. Go initializes packages in the order of their import
// paths, each as soon as what it imports is ready; this module's path,
// early.tandem/startup, sorts before fyne.io/..., and it imports only the
// standard library, so its init runs first. It gives the C locale its
// plain name (C.UTF-8 → C, which Fyne reads as "no preference": English),
// and Restore puts the variable back, for the programs a headless command
// runs. It is a module of its own (see go.mod's replace) because the
// paths of Tandem's own packages, tandem/..., sort after fyne.io.
package startup

import (
	"os"
	"strings"
)

var (
	changed  string // the variable renamed, "" when none
	original string // and its value
)

func init() { rename() }

// rename gives a C locale its plain name.
func rename() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		val := os.Getenv(v)
		if val == "" {
			continue
		}
		// The first one set is the one that counts (as in gettext).
		if base, _, _ := strings.Cut(val, "."); (base == "C" || base == "POSIX") && base != val {
			changed, original = v, val
			os.Setenv(v, base)
		}
		return
	}
}

// Restore puts the locale variable init renamed back as it was.
func Restore() {
	if changed != "" {
		os.Setenv(changed, original)
		changed = ""
	}
}
