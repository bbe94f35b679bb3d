// Command server is ckptlab: it serves the course, and its subcommands run a
// snippet through the simulator and check a course directory.
//
//	server [serve] [flags]     serve the course (the default)
//	server run [--dir DIR] FILE.py
//	server check [DIR]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// A command is one subcommand of the binary. Each lives in its own file and
// registers itself in commands from an init function.
type command struct {
	summary string
	// run gets the arguments after the subcommand's name and returns the
	// process exit status (0 ok, 1 failure, 2 usage error).
	run func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

// defaultCommand runs when the first argument is not a subcommand's name.
const defaultCommand = "serve"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func dispatch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name := defaultCommand
	if len(args) > 0 {
		if _, ok := commands[args[0]]; ok {
			name, args = args[0], args[1:]
		} else if args[0] == "help" {
			usage(stdout)
			return 0
		}
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "server: unknown command %q\n", name)
		usage(stderr)
		return 2
	}
	return cmd.run(ctx, args, stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: server [command] [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nWith no command, %q runs. Use \"server COMMAND --help\" for a command's flags.\n", defaultCommand)
}
