package templates

import (
	"strconv"
	"strings"
	"time"
)

// AccountNav is what every page of the owner's dashboard shows around its content:
// who is signed in, which section is open, and what the wallet scripts need.
type AccountNav struct {
	// Current names the open section: overview, wallets, claims, grants or requests.
	Current   string
	Identity  string // the identity contract, EIP-55
	Wallet    string // the wallet the owner signed in with, EIP-55
	ChainID   uint64
	ChainName string
	// DevWallet lets the wallet pages use the development wallet when the browser has
	// none (development mode only).
	DevWallet bool
}

// Notice is a one-line message at the top of a page, such as "Access revoked".
type Notice struct {
	Text  string
	Error bool
}

// OverviewView is the dashboard's start page.
type OverviewView struct {
	Nav AccountNav
	// Pending counts the undecided, unexpired access requests on the first page
	// read; PendingMore says there may be more than that.
	Pending     int
	PendingMore bool
}

// WalletsView lists the identity's keys and offers to add or remove one.
type WalletsView struct {
	Nav    AccountNav
	Keys   []KeyRow
	Notice Notice
	// Form holds what the owner typed in the add form when it is shown again with
	// Errors, keyed by the field names address and purpose.
	Form   WalletForm
	Errors map[string]string
}

// WalletForm is the add-a-key form's values.
type WalletForm struct {
	Address string
	Purpose string
}

// KeyRow is one key of the identity contract with all its purposes.
type KeyRow struct {
	ID       string // keccak256(abi.encode(address)), 0x-hex
	Wallet   string // the key's wallet when it is known, else ""
	You      bool   // the wallet the owner is signed in with
	Purposes []PurposeRow
}

// PurposeRow is one purpose a key holds.
type PurposeRow struct {
	Number uint64
	Name   string // management, action, claim, encryption
}

// WalletCallView shows a prepared addKey or removeKey call: the owner's wallet sends
// it, since the server holds no key of the identity.
type WalletCallView struct {
	Nav AccountNav
	// Summary says in plain words what the call does.
	Summary string
	// Warning, when set, says why the call may lock the owner out.
	Warning string
	From    string // the signed-in wallet
	To      string // the identity contract
	Data    string // the ABI-encoded call, 0x-hex
	// Return is where the page goes once the transaction is mined
	// (default /account/wallets).
	Return string
}

// ClaimsView lists the claims on the identity, one row per claim, and,
// where the server runs a claim issuer, the owner's applications to it,
// the claims it signed that wait for the owner's wallet, and the topics
// one can apply for.
type ClaimsView struct {
	Nav    AccountNav
	Claims []ClaimRow
	Notice Notice
	// IssuerName names this server's claim issuer; empty when it runs none.
	IssuerName   string
	Applications []ApplicationRow
	Ready        []ReadyClaimRow
	Topics       []TopicLink
}

// ApplicationRow is one of the owner's applications.
type ApplicationRow struct {
	ID        string
	TopicName string
	State     string // pending, approved, rejected
	Submitted time.Time
	Reason    string // why it was rejected
}

// ReadyClaimRow is a claim the issuer signed that the owner's wallet adds.
type ReadyClaimRow struct {
	ID        string
	TopicName string
	Expires   time.Time
}

// TopicLink is a topic one can apply for.
type TopicLink struct {
	Number uint64
	Name   string
}

// ApplyView is the application form for one topic.
type ApplyView struct {
	Nav        AccountNav
	Topic      uint64
	TopicName  string
	IssuerName string
	Fields     []ApplyField
	Documents  []ApplyDocument
	Problem    string // why the last post was refused
}

// ApplyField is one field of the form.
type ApplyField struct {
	Name, Label, Type, Value string
	Required                 bool
}

// ApplyDocument is one file of the form.
type ApplyDocument struct {
	Name, Label, Accept string
	Required            bool
}

// ClaimRow is one claim and the verdict on it.
type ClaimRow struct {
	Topic     uint64
	TopicName string
	Issuer    string // a display name, or the issuer's address
	State     string // valid, expired, not-yet-valid, revoked, untrusted, invalid
	Expires   time.Time
	// ExpiresSoon is set when the claim lapses within the issuer's notice
	// period; DaysLeft says in how many days.
	ExpiresSoon bool
	DaysLeft    int
	// Screened is set on a rolling claim this server's screening keeps:
	// it renews on its own from RenewsAt while the identity stays clean.
	Screened bool
	RenewsAt time.Time
}

// GrantsView is one page of the identity's grants, newest first.
type GrantsView struct {
	Nav    AccountNav
	Grants []GrantRow
	Notice Notice
	// Older is the URL of the next page, empty on the last; Newest is set when this
	// is not the first page.
	Older  string
	Newest string
}

// GrantRow is one grant as the owner sees it.
type GrantRow struct {
	ID         string
	ClientName string
	Kind       string // immediate or persistent
	State      string // requested, active, used, denied, revoked, expired
	Access     []string
	Created    time.Time
	LastUsed   time.Time
	UsageCount int64
	Revocable  bool
}

// GrantDetailView is one grant with a page of its usage log.
type GrantDetailView struct {
	Nav      AccountNav
	Grant    GrantRow
	Purpose  string
	Resource string
	Wallet   string // the wallet that signed the consent
	Revoked  time.Time
	Expires  time.Time
	Usage    []UsageRow
	Notice   Notice
	Older    string
	Newest   string
}

// UsageRow is one read under a grant.
type UsageRow struct {
	At       time.Time
	Resource string
	Fields   []string
}

// RequestsView is one page of access requests waiting for the owner's decision.
type RequestsView struct {
	Nav      AccountNav
	Requests []RequestRow
	Notice   Notice
	Older    string
	Newest   string
}

// RequestRow is one access request.
type RequestRow struct {
	ID         string
	ClientName string
	Purpose    string
	Kind       string
	Access     []string
	Resource   string
	Created    time.Time
	Expires    time.Time
	Expired    bool
}

// section is one entry of the dashboard's navigation.
type section struct{ Key, Label, Path string }

// accountSections are the dashboard's sections in navigation order.
func accountSections() []section {
	return []section{
		{"overview", "Overview", "/account"},
		{"profile", "Profile", "/account/profile"},
		{"wallets", "Wallets", "/account/wallets"},
		{"claims", "Claims", "/account/claims"},
		{"grants", "Grants", "/account/grants"},
		{"requests", "Requests", "/account/requests"},
		{"webhook", "Notifications", "/account/webhook"},
	}
}

// WebhookView is the notifications page: the webhook set, if any, the secret
// just made (shown once), and what the owner typed when it was refused.
type WebhookView struct {
	Nav     AccountNav
	Notice  Notice
	URL     string
	Secret  string
	Entered string
	Error   string
}

// dateTime writes a time for people, in UTC; a zero time reads as the dash.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("2 Jan 2006, 15:04 UTC")
}

// isoTime writes a time for the datetime attribute of <time>.
func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func i64(n int64) string { return strconv.FormatInt(n, 10) }

// listText joins items for one table cell.
func listText(items []string) string {
	if len(items) == 0 {
		return "–"
	}
	return strings.Join(items, ", ")
}

// kindText says how long a grant lasts.
func kindText(kind string) string {
	if kind == "persistent" {
		return "until revoked"
	}
	return "one read"
}

// stateText is a grant or claim state in words.
func stateText(state string) string {
	switch state {
	case "requested":
		return "waiting for you"
	case "not-yet-valid":
		return "not yet valid"
	}
	return state
}

func grantPath(id string) string { return "/account/grants/" + id }

// pendingText counts the requests that wait for the owner.
func pendingText(n int, more bool) string {
	switch {
	case more:
		return "At least " + strconv.Itoa(n) + " access requests wait for your decision."
	case n == 1:
		return "1 access request waits for your decision."
	}
	return strconv.Itoa(n) + " access requests wait for your decision."
}
