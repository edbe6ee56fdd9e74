package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadrun:", err)
		os.Exit(1)
	}
}

const usageText = `usage:
  loadrun freeaddr                       print a free 127.0.0.1 port as HOST:PORT
  loadrun grant -issuer URL -client ID   complete a persistent grant; print its access token
  loadrun load -url URL -token T         run the Go load generator (when wrk is missing)
  loadrun usage -data-dir DIR -token T   print the grant's usage count and log rows
  loadrun claim -issuer URL -data-dir DIR  give a fresh identity a KYC claim on the dev server;
                                         print "IDENTITY WALLET-TOKEN" for loading /rpc`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usageText)
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch args[0] {
	case "freeaddr":
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer l.Close()
		_, err = fmt.Fprintln(stdout, l.Addr().String())
		return err
	case "grant":
		issuer := fs.String("issuer", "", "the server's issuer URL (loopback)")
		client := fs.String("client", "", "a public client's id")
		redirect := fs.String("redirect-uri", "", "the client's redirect URI")
		scopes := fs.String("scopes", "openid profile email offline_access", "scopes to ask for and grant")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := loopback(*issuer); err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		tok, err := completeGrant(ctx, *issuer, *client, *redirect, splitScopes(*scopes))
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, tok)
		return err
	case "load":
		var cfg loadConfig
		fs.StringVar(&cfg.url, "url", "", "the URL to GET (loopback)")
		fs.StringVar(&cfg.token, "token", "", "the bearer token")
		fs.IntVar(&cfg.conns, "c", 32, "connections")
		fs.DurationVar(&cfg.duration, "d", 20*time.Second, "measured duration")
		fs.DurationVar(&cfg.warmup, "warmup", 5*time.Second, "unmeasured warm-up before it")
		fs.Float64Var(&cfg.rate, "rate", 0, "requests per second in total; 0 sends back to back")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := loopback(cfg.url); err != nil {
			return err
		}
		return runLoad(ctx, cfg, stdout)
	case "claim":
		issuer := fs.String("issuer", "", "the dev server's issuer URL (loopback)")
		dataDir := fs.String("data-dir", "", "the dev server's data dir")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if err := loopback(*issuer); err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		id, tok, err := issuedClaim(ctx, *issuer, *dataDir)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, id, tok)
		return err
	case "usage":
		dataDir := fs.String("data-dir", "", "the dev data dir of the stopped server")
		token := fs.String("token", "", "an access token of the grant")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return printUsage(ctx, *dataDir, *token, stdout)
	}
	return errors.New(usageText)
}

// loopback refuses any target but 127.0.0.1: the load must never leave the
// machine.
func loopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
		return fmt.Errorf("%q: only http://127.0.0.1 targets are allowed", raw)
	}
	return nil
}
