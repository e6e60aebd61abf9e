// Command tandem is a desktop editor for the English and French versions of
// a blog post, side by side, in a Jekyll or Hugo site; with a command it
// runs headless (tandem --help).
package main

import (
	"os"

	"tandem/cli"
	"tandem/editor"
)

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	}
	editor.Version, editor.Commit = cli.Version, cli.Commit
	editor.Run(args)
}
