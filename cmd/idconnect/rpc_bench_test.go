package main

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/idconnect/idconnect/store"
	"github.com/idconnect/idconnect/store/sqlite"
)

// The tokens below are whole Authorization values ("Bearer …").

// BenchmarkVerifyClaim measures id_verifyClaim over loopback HTTP against
// `serve --dev` in this process, as the owner (a wallet token): warm,
// with the chain cache filled; cold, with --cache-max-age so short that
// every call reads the identity's claim, the issuer's key and the
// revocation and trust registries from the simulated chain.
func BenchmarkVerifyClaim(b *testing.B) {
	for _, bc := range []struct {
		name string
		age  time.Duration
	}{{"warm", time.Minute}, {"cold", time.Nanosecond}} {
		b.Run(bc.name, func(b *testing.B) {
			issuer, dataDir := devServerWith(b, slog.New(slog.DiscardHandler), func(c *serveConfig) { c.CacheAge = bc.age })
			owner, _ := crypto.GenerateKey()
			token := walletToken(b, issuer, owner)
			reviewer := walletToken(b, issuer, devIssuerKey(b, dataDir))
			id := benchCall(b, issuer, token, "id_createIdentity", fmt.Sprintf(`{"wallet":%q}`, crypto.PubkeyToAddress(owner.PublicKey).Hex()), `"identity":"`)
			benchCall(b, issuer, reviewer, "id_issueClaim", fmt.Sprintf(`{"identity":%q,"topic":1}`, id), `"state":"valid"`)
			body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":"id_verifyClaim","params":{"identity":%q,"topic":1}}`, id)
			tr := &http.Transport{MaxIdleConnsPerHost: 1024, DisableCompression: true}
			defer tr.CloseIdleConnections()
			hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
			call := func() error {
				req, _ := http.NewRequest(http.MethodPost, issuer+"/rpc", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", token)
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				out, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || !strings.Contains(string(out), `"valid":true`) {
					return fmt.Errorf("%d %s", resp.StatusCode, out)
				}
				return nil
			}
			for range 200 {
				if err := call(); err != nil {
					b.Fatal(err)
				}
			}
			b.SetParallelism(16)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := call(); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
		})
	}
}

// BenchmarkReviewQueuePage measures GET /issuer, the review queue page, with
// 10,000 pending applications: the first page, and a page 9,000 deep.
func BenchmarkReviewQueuePage(b *testing.B) {
	issuer, dataDir := devServerWith(b, slog.New(slog.DiscardHandler), nil)
	info, err := readDevChainInfo(dataDir)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dataPath(dataDir, "idconnect.db"))
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now().Add(-24 * time.Hour)
	for lo := 0; lo < 10000; lo += 1000 {
		err := st.InTx(ctx, func(ctx context.Context) error {
			for i := lo; i < lo+1000; i++ {
				if err := st.CreateApplication(ctx, store.Application{ID: fmt.Sprintf("bench%05d", i), Issuer: info.Issuer.Issuer,
					Identity: common.BigToAddress(big.NewInt(int64(i + 1))), Topic: 1, State: store.ApplicationPending,
					SubmittedAt: t0.Add(time.Duration(i) * time.Second), BundleHash: common.HexToHash("0x01"), BundleSize: 1,
					WrappedKey: []byte{1}, Ciphertext: []byte{1}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	r := newOwner(b, issuer)
	r.key = devIssuerKey(b, dataDir)
	if code, out := r.reviewerSignIn(); code != http.StatusOK {
		b.Fatalf("reviewer sign-in: %d %v", code, out)
	}
	// Walk to the page 9,000 deep once, through the pages' own links.
	deep := "/issuer"
	for range 9000 / 50 {
		_, page := r.get(deep)
		next := between(page, `/issuer?cursor=`, `"`)
		if next == "" {
			b.Fatal("no next page")
		}
		deep = "/issuer?cursor=" + next
	}
	for _, bc := range []struct{ name, path, first string }{{"first", "/issuer", "bench00000"}, {"deep9000", deep, "bench09000"}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				code, page := r.get(bc.path)
				if code != http.StatusOK || !strings.Contains(page, `data-application="`+bc.first+`"`) {
					b.Fatalf("%s: %d", bc.path, code)
				}
			}
		})
	}
}

// benchCall makes one call with the raw params object and returns the
// string value that follows want in the answer (want itself must end
// with an opening quote) or "" when want ends otherwise.
func benchCall(b *testing.B, issuer, token, method, params, want string) string {
	b.Helper()
	body := fmt.Sprintf(`{"jsonrpc":"2.0","id":1,"method":%q,"params":%s}`, method, params)
	req, _ := http.NewRequest(http.MethodPost, issuer+"/rpc", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(out), want) {
		b.Fatalf("%s: %s", method, out)
	}
	if strings.HasSuffix(want, `"`) {
		return between(string(out), want, `"`)
	}
	return ""
}

func devIssuerKey(b *testing.B, dataDir string) *ecdsa.PrivateKey {
	b.Helper()
	k, err := readKeyFile(dataPath(dataDir, "dev-issuer.key"))
	if err != nil {
		b.Fatal(err)
	}
	return k
}
