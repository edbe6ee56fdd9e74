package templates

import "time"

// IssuerScreeningView is the console's screening page: the hits, newest
// first, the history of runs, and the list versions loaded.
type IssuerScreeningView struct {
	Frame  IssuerFrame
	State  string // "open" shows the open hits only
	Hits   []HitRow
	Next   string
	Runs   []RunRow
	Lists  []ListRow
	Notice Notice
}

// HitRow is one screening hit, by ids.
type HitRow struct {
	ID       string
	Identity string
	Kind     string
	List     string
	Entity   string
	Field    string
	Score    float64
	Topics   string
	State    string
	Created  time.Time
}

// RunRow is one screening run.
type RunRow struct {
	Started, Finished time.Time
	Trigger, Node     string
	Lists             string
	Screened, Renewed int
	Approved, Hits    int
	Revoked           int
	Error             string
	// Abandoned is set on a run that never finished while a later one
	// ran: its node stopped mid-run.
	Abandoned bool
}

// ListRow is one list version a node loaded, or failed to.
type ListRow struct {
	Name, Source, Format, Hash string
	Entities                   int
	Loaded                     time.Time
	Error                      string
}

// IssuerHitView is one hit opened by a reviewer: its explanation, and
// while it is open, Clear (name hits only) and Confirm.
type IssuerHitView struct {
	Frame      IssuerFrame
	Hit        HitRow
	EntityName string
	Value      string
	Matched    string
	Reason     string
	Decided    time.Time
	DecidedBy  string
	Decision   string
	Clearable  bool
	Notice     Notice
}
