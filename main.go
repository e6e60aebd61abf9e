// Command tandem is a desktop editor for the English and French versions of
// a blog post, side by side, in a Jekyll or Hugo site; with a command it
// runs headless (tandem --help).
package main

import (
	"fmt"
	"os"

	"early.tandem/startup" // first of all: see its comment

	"tandem/cli"
	"tandem/editor"
)

func main() {
	args := os.Args[1:]
	if !cli.Window(args) {
		startup.Restore()
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	}
	if !editor.HasDisplay() {
		fmt.Fprintln(os.Stderr, "tandem: no display: set DISPLAY, or use a headless command (tandem --help)")
		os.Exit(2)
	}
	editor.Version, editor.Commit = cli.Version, cli.Commit
	editor.Run(args)
}
