package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

func init() {
	commands["healthcheck"] = command{summary: "probe a running server's /healthz (for Docker's HEALTHCHECK)", run: runHealthcheck}
}

// runHealthcheck exits 0 when /healthz answers 200 in time, 1 otherwise.
// The container image has no shell or curl, so its HEALTHCHECK runs this.
func runHealthcheck(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fset.SetOutput(stderr)
	url := fset.String("url", "", "URL to probe (default: /healthz on CKPTLAB_ADDR, or :8080, on 127.0.0.1)")
	timeout := fset.Duration("timeout", 3*time.Second, "give up after this long")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: server healthcheck [--url URL] [--timeout DURATION]\n\nExits 0 when the server's /healthz answers 200, 1 otherwise.\n\nflags:")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err == flag.ErrHelp {
		return 0
	} else if err != nil {
		return 2
	}
	target := *url
	if target == "" {
		var err error
		if target, err = healthURL(envAddr(os.Getenv)); err != nil {
			fmt.Fprintf(stderr, "healthcheck: %v\n", err)
			return 2
		}
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		fmt.Fprintf(stderr, "healthcheck: %v\n", err)
		return 2
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "healthcheck: %v\n", err)
		return 1
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "healthcheck: %s answered %s\n", target, resp.Status)
		return 1
	}
	fmt.Fprintf(stdout, "healthcheck: %s ok\n", target)
	return 0
}

// healthURL turns a listen address into the URL to probe from the same
// machine: an empty or wildcard host becomes the loopback address.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("CKPTLAB_ADDR %q: %w", addr, err)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
