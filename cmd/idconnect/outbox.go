package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/notify"
)

// outboxCommand shows the operator the notifications the deliverer gave
// up on (after --outbox-max-age of retries), which no page shows.
func outboxCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "outbox",
		Usage: "inspect the notification outbox (owners' webhooks and services' callbacks)",
		Commands: []*cli.Command{{
			Name:  "list",
			Usage: "list dead notifications: retried until --outbox-max-age, then given up",
			Flags: append(storeFlags(),
				&cli.BoolFlag{Name: "dead", Usage: "list the dead notifications (required: only they are listed)"},
				&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most this many, the most recently given up first"},
				&cli.BoolFlag{Name: "json", Usage: "print a JSON array"},
			),
			Action: func(ctx context.Context, c *cli.Command) error { return listDead(ctx, c, stdout) },
		}},
	}
}

func listDead(ctx context.Context, c *cli.Command, w io.Writer) error {
	if !c.Bool("dead") {
		return &configError{errors.New("give --dead: the dead notifications are the ones to list")}
	}
	s, err := openStoreFlags(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	dead, err := notify.ListDead(ctx, s, int(c.Int("limit")))
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return json.NewEncoder(w).Encode(dead)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tEVENT\tGRANT\tCLIENT\tATTEMPTS\tENQUEUED\tDEAD")
	for _, d := range dead {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", d.ID, d.Kind, d.Event, d.GrantID, d.ClientID, d.Attempts,
			d.CreatedAt.Format(time.RFC3339), d.DeadAt.Format(time.RFC3339))
	}
	return tw.Flush()
}
