package challenge_test

import (
	"context"
	"testing"
)

// BenchmarkVerifyLogin measures one login check on the EOA path: strict parse,
// field and time checks, signature recovery and the nonce consumed in SQLite.
// Messages are issued and signed before the timer starts.
func BenchmarkVerifyLogin(b *testing.B) {
	f := newFixture(b, nil)
	ctx := context.Background()
	texts, sigs := make([]string, b.N), make([]string, b.N)
	for i := range b.N {
		c := f.issue(b, f.loginRequest())
		texts[i], sigs[i] = c.Text, sign(b, f.key, c.Text)
	}
	want := f.loginExpect()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := f.svc.Verify(ctx, texts[i], sigs[i], want); err != nil {
			b.Fatal(err)
		}
	}
}
