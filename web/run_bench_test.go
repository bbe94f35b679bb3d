package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// BenchmarkRunLoad is the runner's load test: 64 clients on loopback send
// the founding fill/save/zero/load snippet to POST /api/run as fast as the
// server answers, for at most 5 seconds and 20,000 runs. It reports runs
// per second, p50 and p99 latency and the process's peak heap as metrics;
// it asserts nothing about them (tests never assert wall-clock times). The
// issue's goal: 2,000 runs/s, p99 under 50 ms, under 200 MB.
//
//	go test ./web -run '^$' -bench RunLoad -benchtime 1x
func BenchmarkRunLoad(b *testing.B) {
	const (
		clients  = 64
		duration = 5 * time.Second
		maxRuns  = 20000
	)
	s, _ := newTestServer(b, Config{Run: RunLimits{RatePerMinute: 1 << 30}})
	ts := httptest.NewServer(s)
	defer ts.Close()

	body, err := json.Marshal(map[string]string{"code": foundingSnippet})
	if err != nil {
		b.Fatal(err)
	}
	target := vegeta.Target{
		Method: "POST",
		URL:    ts.URL + "/api/run",
		Body:   body,
		Header: http.Header{"Content-Type": {"application/json"}},
	}

	// Peak heap, sampled while the attack runs.
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	})

	b.ResetTimer()
	var metrics vegeta.Metrics
	for i := 0; i < b.N; i++ {
		attacker := vegeta.NewAttacker(vegeta.Workers(clients), vegeta.MaxWorkers(clients), vegeta.Connections(clients), vegeta.Timeout(10*time.Second))
		n := 0
		for res := range attacker.Attack(vegeta.NewStaticTargeter(target), vegeta.Rate{Freq: 0}, duration, "run") {
			metrics.Add(res)
			if n++; n == maxRuns {
				attacker.Stop()
			}
		}
	}
	metrics.Close()
	b.StopTimer()
	close(stop)
	sampler.Wait()

	if metrics.Success < 1 {
		b.Logf("status codes: %v, errors: %v", metrics.StatusCodes, metrics.Errors)
	}
	b.ReportMetric(metrics.Throughput, "runs/s")
	b.ReportMetric(float64(metrics.Latencies.P50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(metrics.Latencies.P99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(metrics.Success*100, "success-%")
}

// BenchmarkRunFounding is one /api/run of the founding snippet through the
// handler stack without the network: the cost the load test multiplies.
func BenchmarkRunFounding(b *testing.B) {
	s, _ := newTestServer(b, Config{Run: RunLimits{RatePerMinute: 1 << 30}})
	body := runJSON(b, foundingSnippet, nil, nil)
	b.ReportAllocs()
	for b.Loop() {
		resp, got := postJSON(b, s, body)
		if got == nil || got.Error != nil {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
