package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// printUsage reads, from a stopped server's dev database, the usage count
// and the number of usage-log rows of the token's grant, so the script can
// check that every served read was logged.
func printUsage(ctx context.Context, dataDir, token string, out io.Writer) error {
	id, err := grantID(token)
	if err != nil {
		return err
	}
	s, err := sqlite.Open(ctx, filepath.Join(dataDir, "idconnect.db"))
	if err != nil {
		return err
	}
	defer s.Close()
	g, err := s.GetGrant(ctx, id)
	if err != nil {
		return err
	}
	rows := 0
	for cursor := ""; ; {
		page, next, err := s.ListGrantUsage(ctx, id, cursor, store.MaxPageLimit)
		if err != nil {
			return err
		}
		rows += len(page)
		if next == "" {
			break
		}
		cursor = next
	}
	_, err = fmt.Fprintf(out, "grant %s: usage_count %d, usage log rows %d\n", id, g.UsageCount, rows)
	return err
}

// grantID reads the grant_id claim of a JWT without verifying it: the
// token came from the server under test a moment ago.
func grantID(token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", errors.New("the token is not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", err
	}
	var c struct {
		GrantID string `json:"grant_id"`
	}
	if err := json.Unmarshal(payload, &c); err != nil || c.GrantID == "" {
		return "", fmt.Errorf("no grant_id in the token: %v", err)
	}
	return c.GrantID, nil
}
