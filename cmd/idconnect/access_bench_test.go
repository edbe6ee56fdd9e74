package main

import (
	"net/http"
	"sync/atomic"
	"testing"
)

// BenchmarkAccessRequestRound measures one access request and its
// validation over loopback HTTP against `serve --dev` in this process:
// POST …/access-requests (challenge issued and stored), the owner's
// signature, POST /access-grants/{id}/validations (SIWE verified, nonce
// consumed, key purpose checked through the cache, grant activated, token
// minted). The signature is made by the client side of the loop, as a
// wallet would; cpu-µs/op counts the whole process.
func BenchmarkAccessRequestRound(b *testing.B) {
	issuer, dataDir := devServer(b)
	o := newOwner(b, issuer)
	identity := onboard(b, issuer, dataDir, o)
	svc := newService(b, issuer, dataDir)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU(b)
	for i := 0; b.Loop(); i++ {
		if i > 0 && i%10 == 0 { // one service may ask one owner ten times at once
			b.StopTimer()
			svc = newService(b, issuer, dataDir)
			b.StartTimer()
		}
		askAndValidate(b, svc, o, identity, "persistent", "email")
	}
	b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkGrantRead measures GET /identities/{identity}/profile with a
// persistent grant's token and a warm cache: the four checks, the sealed
// profile, the usage log. 32 reads are in flight, as with /userinfo.
func BenchmarkGrantRead(b *testing.B) {
	issuer, dataDir := devServer(b)
	o := newOwner(b, issuer)
	identity := onboard(b, issuer, dataDir, o)
	svc := newService(b, issuer, dataDir)
	_, token := askAndValidate(b, svc, o, identity, "persistent", "email", "name")
	path := "/identities/" + identity + "/profile"
	if code, _ := svc.read(path, token); code != http.StatusOK {
		b.Fatalf("read = %d", code)
	}
	var failed atomic.Int64
	b.SetParallelism(16)
	b.ResetTimer()
	cpu := processCPU(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if code, _ := svc.read(path, token); code != http.StatusOK {
				failed.Add(1)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
	b.ReportMetric(float64((processCPU(b)-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d reads failed", n)
	}
}
