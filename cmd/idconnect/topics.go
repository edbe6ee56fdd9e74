package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/identity"
)

// devTopicsFile is where a --dev server finds its topic catalogue, when
// no --topics is given and the file exists.
const devTopicsFile = "topics.json"

// loadCatalogue returns the topic catalogue the configuration names: the
// --topics file, else in --dev the data dir's topics.json when there is
// one, else topics 1–8 of the design.
func loadCatalogue(file string, dev bool, dataDir string) (identity.Catalogue, error) {
	if file == "" && dev {
		if _, err := os.Stat(dataPath(dataDir, devTopicsFile)); err == nil {
			file = dataPath(dataDir, devTopicsFile)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("topic catalogue: %w", err)
		}
	}
	if file == "" {
		return identity.DefaultCatalogue(), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("topic catalogue: %w", err)
	}
	c, err := identity.ParseCatalogue(b)
	if err != nil {
		return nil, fmt.Errorf("topic catalogue %s: %w", file, err)
	}
	return c, nil
}

func topicsFlag() cli.Flag {
	return &cli.StringFlag{Name: "topics", Usage: "the claim topic catalogue, a JSON file (default: topics 1–8, or in --dev DATA-DIR/topics.json when present); `idconnect topics list --json` prints the form", Sources: env("TOPICS")}
}

// topicsCommand prints the topic catalogue the server uses.
func topicsCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "topics",
		Usage: "the claim topic catalogue",
		Commands: []*cli.Command{{
			Name:  "list",
			Usage: "print the catalogue: each topic's number, name, validity and what an application asks for",
			Flags: []cli.Flag{
				topicsFlag(),
				&cli.BoolFlag{Name: "dev", Usage: "read the --dev server's catalogue, in --data-dir"},
				&cli.StringFlag{Name: "data-dir", Value: "./.idconnect", Usage: "the --dev server's data dir", Sources: env("DATA_DIR")},
				&cli.BoolFlag{Name: "json", Usage: "print a JSON array, the form --topics reads"},
			},
			Action: func(ctx context.Context, c *cli.Command) error {
				cat, err := loadCatalogue(c.String("topics"), c.Bool("dev"), c.String("data-dir"))
				if err != nil {
					return &configError{err}
				}
				return printTopics(stdout, cat, c.Bool("json"))
			},
		}},
	}
}

func printTopics(w io.Writer, c identity.Catalogue, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(c.List())
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TOPIC\tNAME\tVALIDITY\tAPPLICATION ASKS FOR")
	for _, t := range c.List() {
		var asks []string
		for _, f := range t.Fields {
			asks = append(asks, f.Name)
		}
		for _, d := range t.Documents {
			asks = append(asks, d.Name+" (document)")
		}
		validity := t.Validity.String()
		if t.Rolling {
			validity += " rolling"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", t.Number, t.Name, validity, strings.Join(asks, ", "))
	}
	return tw.Flush()
}
