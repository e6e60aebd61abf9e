// Command tandem is a desktop editor for the English and French versions of
// a blog post, side by side, in a Jekyll or Hugo site; with a command it
// runs headless (tandem --help).
package main

import (
	"fmt"
	"os"

	"tandem/cli"
)

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	}
	fmt.Fprintln(os.Stderr, "tandem: the authoring window is not part of this build yet; the headless commands are ready:")
	fmt.Fprint(os.Stderr, cli.Usage)
}
