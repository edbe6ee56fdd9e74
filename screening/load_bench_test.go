package screening_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/idconnect/idconnect/screening"
	"github.com/idconnect/idconnect/screening/internal/synth"
)

// BenchmarkLoad1M loads a synthetic list of a million entries, as a full
// OpenSanctions export or a much grown OFAC list would be. The targets are
// at most 60 s and 1.5 GiB of peak heap per load on a 2-core machine.
func BenchmarkLoad1M(b *testing.B) {
	const n = 1_000_000
	for _, tc := range []struct {
		name   string
		format screening.Format
	}{
		{"ofac-sdn", screening.FormatOFACSDN},
		{"ftm", screening.FormatFtM},
	} {
		b.Run(tc.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "list")
			writeSynthetic(b, path, tc.format, n)
			b.ResetTimer()
			var peak uint64
			for range b.N {
				l, p := loadMeasured(b, path)
				if len(l.Entities) != n {
					b.Fatalf("loaded %d entities, want %d", len(l.Entities), n)
				}
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

func writeSynthetic(b *testing.B, path string, f screening.Format, n int) {
	b.Helper()
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := synth.Write(out, f, n); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// loadMeasured reads the list at path and returns it with the peak of the
// heap's live and not yet swept objects while it loaded, sampled every
// few milliseconds.
func loadMeasured(b *testing.B, path string) (*screening.List, uint64) {
	b.Helper()
	b.StopTimer()
	runtime.GC()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ctx, stop := context.WithCancel(context.Background())
	peakc := make(chan uint64)
	go samplePeakHeap(ctx, peakc)
	b.StartTimer()
	l, err := screening.ReadList(filepath.Base(path), path, f, time.Now())
	b.StopTimer()
	stop()
	peak := <-peakc
	if err != nil {
		b.Fatal(err)
	}
	runtime.KeepAlive(l)
	return l, peak
}

func samplePeakHeap(ctx context.Context, peakc chan<- uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
		select {
		case <-ctx.Done():
			metrics.Read(sample)
			peakc <- max(peak, sample[0].Value.Uint64())
			return
		case <-tick.C:
		}
	}
}
