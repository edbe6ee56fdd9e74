package storetest

import (
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/idconnect/idconnect/store"
)

// Run runs the conformance suite. open must return a fresh, migrated,
// empty store and arrange for it to be closed when t ends. Subtests run in
// parallel, each on its own store.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, s store.Store)
	}{
		{"Clients", testClients},
		{"Challenges", testChallenges},
		{"ChallengeConsumedOnce", testChallengeConsumedOnce},
		{"LoginSessions", testLoginSessions},
		{"AuthRequests", testAuthRequests},
		{"BoundChallenges", testBoundChallenges},
		{"AuthRequestParameters", testAuthRequestParameters},
		{"OnboardingBudget", testOnboardingBudget},
		{"OAuthTokens", testOAuthTokens},
		{"SpendOAuthToken", testSpendOAuthToken},
		{"SpendOAuthTokenOnce", testSpendOAuthTokenOnce},
		{"Grants", testGrants},
		{"UpdateGrantAtomic", testUpdateGrantAtomic},
		{"UseGrant", testUseGrant},
		{"RevokeGrant", testRevokeGrant},
		{"ImmediateGrantUsedOnce", testImmediateGrantUsedOnce},
		{"PersistentGrantConcurrentUse", testPersistentGrantConcurrentUse},
		{"RecordGrantUsage", testRecordGrantUsage},
		{"RecordJournaledUsage", testRecordJournaledUsage},
		{"GrantStatus", testGrantStatus},
		{"HasOAuthToken", testHasOAuthToken},
		{"PurgeExpired", testPurgeExpired},
		{"PurgeUnanswered", testPurgeUnanswered},
		{"ListGrantsPagination", testListGrantsPagination},
		{"ListGrantsFilters", testListGrantsFilters},
		{"AccessRequests", testAccessRequests},
		{"Applications", testApplications},
		{"ApplicationDecidedOnce", testApplicationDecidedOnce},
		{"IssuedClaims", testIssuedClaims},
		{"ScreeningLists", testScreeningLists},
		{"Lease", testLease},
		{"LeaseOneHolder", testLeaseOneHolder},
		{"ScreeningRuns", testScreeningRuns},
		{"ScreeningHits", testScreeningHits},
		{"ScreeningSubjects", testScreeningSubjects},
		{"Blobs", testBlobs},
		{"Profiles", testProfiles},
		{"APIKeys", testAPIKeys},
		{"SigningKeys", testSigningKeys},
		{"AuditEvents", testAuditEvents},
		{"Webhooks", testWebhooks},
		{"WebhookSealing", testWebhookSealing},
		{"Notifications", testNotifications},
		{"NotificationsClaimedOnce", testNotificationsClaimedOnce},
		{"DeadNotifications", testDeadNotifications},
		{"InTxCommit", testInTxCommit},
		{"InTxRollback", testInTxRollback},
		{"InTxNested", testInTxNested},
		{"InTxPanic", testInTxPanic},
		{"ExplicitTx", testExplicitTx},
		{"InGroupTx", testInGroupTx},
		{"InGroupTxNested", testInGroupTxNested},
		{"InGroupTxCancelled", testInGroupTxCancelled},
		{"TimesUTC", testTimesUTC},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, open(t))
		})
	}
}

// t0 is the suite's "now": microsecond precision, as stored.
var t0 = time.Date(2030, 1, 2, 3, 4, 5, 123456000, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

var errBoom = errors.New("boom")

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t testing.TB, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("err = %v, want %v", err, target)
	}
}

func equal[T any](t testing.TB, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got:\n\t%+v\nwant:\n\t%+v", got, want)
	}
}

// race runs fn n times at once and returns each call's error.
func race(n int, fn func(i int) error) []error {
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = fn(i)
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// countErrs counts nil errors and errors matching target, and fails on
// anything else.
func countErrs(t testing.TB, errs []error, target error) (ok, matched int) {
	t.Helper()
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, target):
			matched++
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	return ok, matched
}
