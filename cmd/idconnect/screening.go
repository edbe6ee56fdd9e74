package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v3"

	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/store"
)

// screeningCommand loads lists and checks names and addresses against
// them, as the server's screening runs do.
func screeningCommand(stdout io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "screening",
		Usage: "sanctions and PEP lists: load them, check names and addresses against them",
		Commands: []*cli.Command{{
			Name:      "load",
			Usage:     "check a list (a file or URL, its format detected from its content) and record it: every server on this database screens against it and loads each new version without a restart",
			ArgsUsage: "PATH_OR_URL",
			Flags:     append(storeFlags(), &cli.BoolFlag{Name: "json", Usage: `print {"source","name","format","hash","entities"}`}),
			Action: func(ctx context.Context, c *cli.Command) error {
				return screeningLoad(ctx, c, stdout)
			},
		}, {
			Name:  "check",
			Usage: "screen a name or an address against the lists; with neither, read one query a line from standard input and print one JSON line per query",
			Flags: append(storeFlags(),
				&cli.StringFlag{Name: "name", Usage: "a person's or organisation's name, in any script"},
				&cli.StringFlag{Name: "address", Usage: "a 0x wallet address"},
				&cli.StringFlag{Name: "birth-date", Usage: "with --name: YYYY, YYYY-MM or YYYY-MM-DD, which raises or lowers the score where the entry has one"},
				&cli.StringFlag{Name: "nationality", Usage: "with --name: ISO 3166-1 alpha-2 code, used like --birth-date"},
				&cli.Float64Flag{Name: "threshold", Value: screening.DefaultThreshold, Usage: "the name score from which a name is a hit, 0 to 1"},
				&cli.StringSliceFlag{Name: "list", Usage: "a list to check against besides those recorded by `screening load` (repeatable)"},
				&cli.BoolFlag{Name: "json", Usage: `print {"hits":[{"list","entity","field","score","reason"}]}`},
			),
			Action: func(ctx context.Context, c *cli.Command) error {
				return screeningCheck(ctx, c, c.Root().Reader, stdout)
			},
		}},
	}
}

func screeningLoad(ctx context.Context, c *cli.Command, stdout io.Writer) error {
	if c.Args().Len() != 1 {
		return &configError{errors.New("screening load takes one PATH_OR_URL")}
	}
	src, err := sourceArg(c.Args().First())
	if err != nil {
		return &configError{err}
	}
	s, err := openStoreFlags(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	// Only this source is read: the others are the servers' business.
	lists := screening.NewLists(screening.ListsConfig{Sources: []string{src}, Store: versionsOnly{s}})
	if _, err := lists.Refresh(ctx); err != nil {
		return err // names the line and the reason; nothing was recorded as a source
	}
	if err := s.AddScreeningSource(ctx, src, time.Now()); err != nil {
		return err
	}
	l := lists.Index().Lists()[0]
	out := struct {
		Source   string `json:"source"`
		Name     string `json:"name"`
		Format   string `json:"format"`
		Hash     string `json:"hash"`
		Entities int    `json:"entities"`
	}{src, l.Name, string(l.Format), common.Hash(l.Hash).Hex(), len(l.Entities)}
	if c.Bool("json") {
		return json.NewEncoder(stdout).Encode(out)
	}
	_, err = fmt.Fprintf(stdout, "loaded %s: %s, %d entries, sha256 %s\n", out.Source, out.Format, out.Entities, out.Hash[2:])
	return err
}

// sourceArg makes a path absolute, so that a server started elsewhere
// finds it; URLs stay as they are.
func sourceArg(arg string) (string, error) {
	if u, err := url.Parse(arg); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return arg, nil
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("list %s: %w", arg, err)
	}
	return abs, nil
}

func screeningCheck(ctx context.Context, c *cli.Command, stdin io.Reader, stdout io.Writer) error {
	th := c.Float64("threshold")
	if th <= 0 || th > 1 || math.IsNaN(th) {
		return &configError{fmt.Errorf("--threshold %v is not in (0, 1]", th)}
	}
	if c.String("name") != "" && c.String("address") != "" {
		return &configError{errors.New("give --name or --address, not both")}
	}
	var sources []string
	for _, l := range c.StringSlice("list") {
		src, err := sourceArg(l)
		if err != nil {
			return &configError{err}
		}
		sources = append(sources, src)
	}
	var st screening.ListStore
	if c.Bool("dev") || c.String("dsn") != "" {
		s, err := openStoreFlags(ctx, c)
		if err != nil {
			return err
		}
		defer s.Close()
		st = readOnlyLists{s}
	}
	if st == nil && len(sources) == 0 {
		return &configError{errors.New("no lists: name them with --list, or read those `screening load` recorded with --dev or --dsn")}
	}
	lists := screening.NewLists(screening.ListsConfig{Sources: sources, Store: st})
	if _, err := lists.Refresh(ctx); err != nil {
		return err
	}
	if len(lists.Index().Lists()) == 0 {
		return errors.New("no lists are recorded: add one with `idconnect screening load`")
	}
	ix := lists.Index()
	if c.String("name") == "" && c.String("address") == "" {
		return checkBatch(stdin, stdout, ix, th)
	}
	var q checkQuery
	if a := c.String("address"); a != "" {
		if !common.IsHexAddress(a) {
			return &configError{fmt.Errorf("--address %q is not a 0x address of 20 bytes", a)}
		}
		q.address, q.byAddress = common.HexToAddress(a), true
	} else {
		q.name, q.birth, q.nationality = c.String("name"), c.String("birth-date"), c.String("nationality")
	}
	hits := q.run(ix, th)
	if c.Bool("json") {
		return json.NewEncoder(stdout).Encode(hits)
	}
	return printHits(stdout, hits)
}

// versionsOnly records the versions of the source being loaded, and lets
// Lists read no other source.
type versionsOnly struct{ s store.Store }

func (versionsOnly) ScreeningSources(context.Context) ([]string, error) { return nil, nil }
func (v versionsOnly) PutListVersion(ctx context.Context, lv store.ListVersion) error {
	return v.s.PutListVersion(ctx, lv)
}

// readOnlyLists reads the recorded sources but records no version: a
// check changes nothing.
type readOnlyLists struct{ s store.Store }

func (r readOnlyLists) ScreeningSources(ctx context.Context) ([]string, error) {
	return r.s.ScreeningSources(ctx)
}
func (readOnlyLists) PutListVersion(context.Context, store.ListVersion) error { return nil }

type checkQuery struct {
	name, birth, nationality string
	address                  common.Address
	byAddress                bool // the zero address is an address too
}

// checkHit is one hit as `screening check` prints it.
type checkHit struct {
	List   string  `json:"list"`
	Entity string  `json:"entity"`
	Field  string  `json:"field"`
	Score  float64 `json:"score"`
	Reason string  `json:"reason"`
}

type checkResult struct {
	Hits  []checkHit `json:"hits"`
	Error string     `json:"error,omitempty"`
}

func (q checkQuery) run(ix *screening.Index, threshold float64) checkResult {
	var hits []screening.Hit
	if q.byAddress {
		hits = ix.MatchAddress(q.address)
	} else {
		hits = ix.MatchName(q.name, q.birth, q.nationality, threshold)
	}
	out := checkResult{Hits: []checkHit{}}
	for _, h := range hits {
		out.Hits = append(out.Hits, checkHit{List: h.List, Entity: h.EntityID, Field: string(h.Field),
			Score: math.Round(h.Score*1e4) / 1e4, Reason: h.Reason})
	}
	return out
}

// checkBatch answers one query a line: a 0x address, or a name,
// optionally followed by a tab, a birth date, a tab and a nationality.
// Every line gets exactly one JSON line, in order, so answers line up
// with questions; a line that is no query gets {"hits":[],"error"}.
func checkBatch(stdin io.Reader, stdout io.Writer, ix *screening.Index, threshold float64) error {
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	for n := 1; sc.Scan(); n++ {
		line := parseQueryLine(sc.Text(), n)
		res := line.checkResult
		if res.Error == "" {
			res = line.q.run(ix, threshold)
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
		// Each answer goes out as its line is read, so that a caller
		// streaming queries gets answers as it goes.
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("standard input: %w", err)
	}
	return w.Flush()
}

type parsedLine struct {
	checkResult
	q checkQuery
}

func parseQueryLine(line string, n int) parsedLine {
	fail := func(why string) parsedLine {
		return parsedLine{checkResult: checkResult{Hits: []checkHit{}, Error: fmt.Sprintf("line %d: %s", n, why)}}
	}
	parts := strings.Split(strings.TrimRight(line, "\r"), "\t")
	first := strings.TrimSpace(parts[0])
	switch {
	case first == "":
		return fail("empty query")
	case len(parts) > 3:
		return fail("more than three tab-separated fields (name, birth date, nationality)")
	case strings.HasPrefix(first, "0x") || strings.HasPrefix(first, "0X"):
		if len(parts) > 1 || !common.IsHexAddress(first) {
			return fail("not a 0x address of 20 bytes")
		}
		return parsedLine{q: checkQuery{address: common.HexToAddress(first), byAddress: true}}
	}
	q := checkQuery{name: first}
	if len(parts) > 1 {
		q.birth = strings.TrimSpace(parts[1])
	}
	if len(parts) > 2 {
		q.nationality = strings.TrimSpace(parts[2])
	}
	return parsedLine{q: q}
}

func printHits(w io.Writer, r checkResult) error {
	if len(r.Hits) == 0 {
		_, err := fmt.Fprintln(w, "no hits")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LIST\tENTITY\tFIELD\tSCORE\tREASON")
	for _, h := range r.Hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%s\n", h.List, h.Entity, h.Field, h.Score, h.Reason)
	}
	return tw.Flush()
}
