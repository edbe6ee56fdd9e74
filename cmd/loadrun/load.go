package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sync"
	"time"
)

// loadConfig is one bounded load run against a single URL.
type loadConfig struct {
	url, token       string
	conns            int
	duration, warmup time.Duration
	// rate, when positive, paces the requests to this many per second in
	// total, spread over the connections; latency then counts from when a
	// request was due, so a server that falls behind is not flattered by
	// requests that were never sent (coordinated omission).
	rate float64
}

// result is what one phase of a run saw.
type result struct {
	ok, failed int
	latencies  []time.Duration // of every completed request
	elapsed    time.Duration
}

// runLoad is the generator used when wrk is missing, and for a paced run:
// conns goroutines, each with its own kept-alive connection, send GETs back
// to back (or at rate) for warmup and then for duration, and the measured
// phase is reported in wrk's terms.
func runLoad(ctx context.Context, cfg loadConfig, out io.Writer) error {
	u, err := url.Parse(cfg.url)
	if err != nil {
		return err
	}
	conns := make([]*rawConn, cfg.conns)
	for i := range conns {
		conns[i] = newRawConn(u.Host, u.RequestURI(), cfg.token)
	}
	defer func() {
		for _, c := range conns {
			c.close()
		}
	}()
	if cfg.warmup > 0 {
		w := phase(ctx, conns, cfg, cfg.warmup)
		fmt.Fprintf(out, "warm-up: %d ok, %d failed in %v\n", w.ok, w.failed, w.elapsed.Round(time.Millisecond))
	}
	r := phase(ctx, conns, cfg, cfg.duration)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	slices.Sort(r.latencies)
	fmt.Fprintf(out, "%d requests in %v, %d non-2xx or failed\n", r.ok+r.failed, r.elapsed.Round(time.Millisecond), r.failed)
	fmt.Fprintf(out, "Requests/sec: %.1f\n", float64(r.ok)/r.elapsed.Seconds())
	for _, p := range []float64{50, 75, 90, 99, 99.9} {
		fmt.Fprintf(out, "p%v %v\n", p, percentile(r.latencies, p).Round(time.Microsecond))
	}
	return nil
}

func phase(ctx context.Context, conns []*rawConn, cfg loadConfig, d time.Duration) result {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	results := make([]result, len(conns))
	start := time.Now()
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Go(func() { results[i] = worker(ctx, c, cfg, start, i) })
	}
	wg.Wait()
	total := result{elapsed: time.Since(start)}
	for _, r := range results {
		total.ok += r.ok
		total.failed += r.failed
		total.latencies = append(total.latencies, r.latencies...)
	}
	return total
}

// worker sends requests until ctx ends; a request still due when the phase
// ends is not sent. Every request sent is counted, since the server serves
// it whether or not the phase is over.
func worker(ctx context.Context, c *rawConn, cfg loadConfig, start time.Time, i int) result {
	var r result
	var every time.Duration
	if cfg.rate > 0 {
		every = time.Duration(float64(cfg.conns) / cfg.rate * float64(time.Second))
	}
	// Paced workers take turns: worker i is due i/conns of a period late.
	due := start.Add(every * time.Duration(i) / time.Duration(cfg.conns))
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for ctx.Err() == nil {
		t0 := time.Now()
		if every > 0 {
			if wait := time.Until(due); wait > 0 {
				timer.Reset(wait)
				select {
				case <-timer.C:
				case <-ctx.Done():
					return r
				}
			}
			t0, due = due, due.Add(every)
		}
		status, err := c.do(time.Now().Add(10 * time.Second))
		if err != nil {
			r.failed++
			time.Sleep(10 * time.Millisecond) // a server that is down is not hammered
			continue
		}
		r.latencies = append(r.latencies, time.Since(t0))
		if status == 200 {
			r.ok++
		} else {
			r.failed++
		}
	}
	return r
}

// percentile is the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}
