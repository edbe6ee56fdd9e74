package identity_test

import (
	"testing"

	"github.com/idconnect/idconnect/identity"
)

// BenchmarkKeyCheck measures HasPurpose: from the cache, and from the chain on the
// in-process simulated backend and on geth --dev over websocket JSON-RPC.
func BenchmarkKeyCheck(b *testing.B) {
	b.Run("cached", func(b *testing.B) {
		w := simWorld(b)
		cache, _ := following(b, w, identity.CacheConfig{})
		o := w.newOwner(b)
		mustPurpose(b, cache, o.id, o.wallet, true)
		c := ctx(b)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if ok, err := cache.HasPurpose(c, o.id, o.wallet, identity.PurposeAction); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
	})
	for _, run := range []struct {
		name string
		make func(testing.TB) *world
	}{{"uncached-sim", simWorld}, {"uncached-geth-ws", gethWorld}} {
		b.Run(run.name, func(b *testing.B) {
			w := run.make(b)
			r := w.reader(b)
			o := w.newOwner(b)
			c := ctx(b)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if ok, err := r.HasPurpose(c, o.id, o.wallet, identity.PurposeAction); err != nil || !ok {
					b.Fatal(ok, err)
				}
			}
		})
	}
}
