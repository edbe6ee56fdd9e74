package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/authz"
	"github.com/idconnect/idconnect/store"
)

// apikeyCommand manages the API keys services use on the access-request
// API. Keys are shown once, at creation: the store keeps their SHA-256.
func apikeyCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "apikey",
		Usage: "manage the API keys of services (clients) on the access-request API",
		Commands: []*cli.Command{
			{
				Name:  "create",
				Usage: "create a key for a client; prints its id and the key, once",
				Flags: append(storeFlags(),
					&cli.StringFlag{Name: "client", Usage: "the client the key authenticates as", Required: true},
					&cli.StringFlag{Name: "name", Usage: "a label for the operator, e.g. where the key is used"},
					&cli.BoolFlag{Name: "json", Usage: `print {"id":…,"key":…}`},
				),
				Action: func(ctx context.Context, c *cli.Command) error { return createAPIKey(ctx, c, stdout) },
			},
			{
				Name: "list", Usage: "list a client's keys (never the keys themselves)",
				Flags: append(storeFlags(),
					&cli.StringFlag{Name: "client", Usage: "the client whose keys to list", Required: true},
					&cli.BoolFlag{Name: "json"},
				),
				Action: func(ctx context.Context, c *cli.Command) error { return listAPIKeys(ctx, c, stdout) },
			},
			{
				Name: "revoke", Usage: "revoke a key at once", ArgsUsage: "KEY_ID", Flags: storeFlags(),
				Action: func(ctx context.Context, c *cli.Command) error { return revokeAPIKey(ctx, c, stdout) },
			},
		},
	}
}

func createAPIKey(ctx context.Context, c *cli.Command, w io.Writer) error {
	s, err := openStoreFlags(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	k, key, err := authz.IssueAPIKey(ctx, s, rand.Reader, time.Now, c.String("client"), c.String("name"))
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no client %q", c.String("client"))
	}
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(map[string]string{"id": k.ID, "key": key})
	}
	fmt.Fprintf(w, "id:  %s\nkey: %s\n(shown once: idconnect keeps only its hash)\n", k.ID, key)
	return nil
}

// apiKeyRow is one key as `apikey list --json` prints it; times are
// omitted when they never happened.
type apiKeyRow struct {
	ID         string     `json:"id"`
	ClientID   string     `json:"client_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

func listAPIKeys(ctx context.Context, c *cli.Command, w io.Writer) error {
	s, err := openStoreFlags(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	keys, err := s.ListAPIKeys(ctx, c.String("client"))
	if err != nil {
		return fmt.Errorf("list API keys: %w", err)
	}
	if c.Bool("json") {
		rows := []apiKeyRow{}
		for _, k := range keys {
			rows = append(rows, apiKeyRow{ID: k.ID, ClientID: k.ClientID, Name: k.Name, Prefix: k.Prefix,
				CreatedAt: k.CreatedAt.UTC(), LastUsedAt: optionalTime(k.LastUsedAt), RevokedAt: optionalTime(k.RevokedAt)})
		}
		return json.NewEncoder(w).Encode(rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tCREATED\tLAST_USED\tREVOKED")
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%s\t%s…\t%s\t%s\t%s\n", k.ID, orDash(k.Name), k.Prefix,
			timeOrDash(k.CreatedAt), timeOrDash(k.LastUsedAt), timeOrDash(k.RevokedAt))
	}
	return tw.Flush()
}

func revokeAPIKey(ctx context.Context, c *cli.Command, w io.Writer) error {
	if c.Args().Len() != 1 {
		return &configError{errors.New("give exactly one KEY_ID")}
	}
	id := c.Args().First()
	s, err := openStoreFlags(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	err = s.RevokeAPIKey(ctx, id, time.Now())
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no API key %q", id)
	}
	if err != nil {
		return fmt.Errorf("revoke API key: %w", err)
	}
	fmt.Fprintf(w, "API key %s is revoked\n", id)
	return nil
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func timeOrDash(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
