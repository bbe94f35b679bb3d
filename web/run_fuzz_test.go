package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ckptlab/ckptlab/sim"
)

// FuzzRunAPI posts arbitrary bodies to /api/run: every answer is a 200 or a
// 4xx with a JSON message, never a 5xx or a panic.
//
//	go test ./web -run '^$' -fuzz FuzzRunAPI -fuzztime 15s
func FuzzRunAPI(f *testing.F) {
	for _, seed := range []string{
		`{"code": "print(1)"}`,
		`{"code": "import torch\ntorch.save({'w': torch.ones(2)}, 'a.pth')", "history": ["x = 1"]}`,
		`{"code": "", "files": {"a.pth": "UEsDBA=="}}`,
		`{"code": "while True: pass"}`,
		`{"code": 1}`,
		`{`,
		``,
	} {
		f.Add(seed)
	}
	s, _ := newTestServer(f, Config{Run: RunLimits{
		RatePerMinute: 1 << 30,
		Sim:           sim.Limits{Steps: 20000, MemoryBytes: 32 << 20, OutputBytes: 16 << 10, Timeout: time.Second},
	}})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/run", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
			t.Fatalf("Content-Type %q for %q", ct, body)
		}
	})
}

// FuzzRunCode runs arbitrary programs, with the state view and timeline,
// through /api/run: never a 5xx or a panic.
//
//	go test ./web -run '^$' -fuzz FuzzRunCode -fuzztime 15s
func FuzzRunCode(f *testing.F) {
	for _, seed := range []string{
		foundingSnippet,
		"import torch\nm = torch.nn.Linear(2, 2)\no = torch.optim.Adam(m.parameters())\nm(torch.ones(1, 2)).sum().backward()\no.step()\nd = {'m': m.state_dict(), 'o': o.state_dict()}",
		"import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4], 'r--')\nplt.savefig('a.svg')",
		"import torch\nw = torch.zeros(3)\nfor i in range(5):\n    w.add_(1)\nprint(w)",
	} {
		f.Add(seed)
	}
	s, _ := newTestServer(f, Config{Run: RunLimits{
		RatePerMinute: 1 << 30,
		Sim:           sim.Limits{Steps: 20000, MemoryBytes: 32 << 20, OutputBytes: 16 << 10, Timeout: time.Second},
	}})
	f.Fuzz(func(t *testing.T, code string) {
		resp, _ := postJSON(t, s, runJSON(t, code, nil, nil))
		if resp.StatusCode >= 500 {
			t.Fatalf("status %d for %q", resp.StatusCode, code)
		}
	})
}
