package templates

import "time"

// IssuerFrame is what every page of the issuer console shows: which
// issuer, which chain, and who is signed in.
type IssuerFrame struct {
	Issuer    string // the ClaimIssuer's address
	Name      string // its display name
	ChainID   uint64
	ChainName string
	DevWallet bool
	Reviewer  string // the signed-in reviewer's wallet; empty on the sign-in page
	Screening bool   // the issuer runs screening: the console links its page
}

// IssuerQueueView is one page of the review queue, oldest first.
type IssuerQueueView struct {
	Frame  IssuerFrame
	Rows   []QueueRow
	Next   string // the next page's cursor
	Notice Notice
	// OpenHits counts the screening hits that wait for a reviewer (at
	// most 100 are counted).
	OpenHits int
}

// QueueRow is one pending application.
type QueueRow struct {
	ID        string
	Identity  string
	TopicName string
	Submitted time.Time
}

// IssuerApplicationView is one application opened by a reviewer: its
// fields and documents, and the decision form while it is pending.
type IssuerApplicationView struct {
	Frame     IssuerFrame
	ID        string
	Identity  string
	TopicName string
	State     string
	Submitted time.Time
	Reviewed  time.Time
	Reviewer  string
	Reason    string
	ClaimID   string
	Fields    []FieldRow
	Documents []DocumentRow
	Notice    Notice
}

// FieldRow is one field of an application, labelled as the topic labels it.
type FieldRow struct {
	Label, Value string
}

// DocumentRow is one document of an application.
type DocumentRow struct {
	Index       int
	Label       string
	ContentType string
	Size        int
}
