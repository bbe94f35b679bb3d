package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ckptlab/ckptlab/lessons"
	"github.com/ckptlab/ckptlab/sim"
)

// postJSON sends body to /api/run and decodes the answer when it is a 200.
func postJSON(t testing.TB, h http.Handler, body string) (*http.Response, *RunResponse) {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/run", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	if resp.StatusCode != 200 {
		return resp, nil
	}
	var out RunResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode answer: %v", err)
	}
	return resp, &out
}

func runJSON(t testing.TB, code string, history []string, files map[string][]byte) string {
	t.Helper()
	req := map[string]any{"code": code}
	if history != nil {
		req["history"] = history
	}
	if files != nil {
		enc := map[string]string{}
		for name, b := range files {
			enc[name] = base64.StdEncoding.EncodeToString(b)
		}
		req["files"] = enc
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRunAPI runs programs through POST /api/run: output, notebook history,
// errors with their line, and the files the run leaves.
func TestRunAPI(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	tests := []struct {
		name      string
		code      string
		history   []string
		wantOut   string
		wantError string // the error's type, "" for none
		wantLine  int
		wantLast  string // the traceback's last line
	}{
		{name: "prints", code: "print(1 + 2)", wantOut: "3\n"},
		{name: "history is replayed silently", history: []string{"x = 40\nprint('not shown')", "x += 2"}, code: "print(x)", wantOut: "42\n"},
		{name: "a history block that raised keeps its state up to the exception", history: []string{"y = 1\nraise ValueError('boom')\ny = 2"}, code: "print(y)", wantOut: "1\n"},
		{name: "KeyError", code: "d = {'model_state': 1}\nd['optimizer']", wantError: "KeyError", wantLine: 2, wantLast: "KeyError: 'optimizer'"},
		{name: "syntax error", code: "print(", wantError: "SyntaxError", wantLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, got := postJSON(t, s, runJSON(t, tt.code, tt.history, nil))
			if got == nil {
				t.Fatalf("status %d: %s", resp.StatusCode, body(t, resp))
			}
			if resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", resp.Header.Get("Cache-Control"))
			}
			if tt.wantError == "" {
				if got.Error != nil || got.Output != tt.wantOut {
					t.Errorf("output %q, error %+v; want %q and no error", got.Output, got.Error, tt.wantOut)
				}
				return
			}
			if got.Error == nil {
				t.Fatalf("no error; output %q", got.Output)
			}
			if got.Error.Type != tt.wantError || got.Error.Line != tt.wantLine {
				t.Errorf("error %s at line %d, want %s at line %d", got.Error.Type, got.Error.Line, tt.wantError, tt.wantLine)
			}
			if !strings.HasSuffix(got.Output, got.Error.Traceback) || got.Error.Traceback == "" {
				t.Errorf("output %q does not end with the traceback %q", got.Output, got.Error.Traceback)
			}
			if tt.wantLast != "" && !strings.HasSuffix(got.Error.Traceback, tt.wantLast+"\n") {
				t.Errorf("traceback %q does not end with %q", got.Error.Traceback, tt.wantLast)
			}
			if got.DurationMS <= 0 {
				t.Errorf("duration %v, want > 0", got.DurationMS)
			}
		})
	}
}

// TestRunAPIContentLength: answers, refusals included, go out in one write
// with their length, not chunked.
func TestRunAPIContentLength(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	for _, body := range []string{runJSON(t, "print(1)", nil, nil), `{"code": 1}`} {
		req := httptest.NewRequest("POST", "/api/run", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if got, want := rec.Header().Get("Content-Length"), strconv.Itoa(rec.Body.Len()); got != want {
			t.Errorf("%s: status %d, Content-Length %q, body %d bytes", body, rec.Code, got, rec.Body.Len())
		}
		if !json.Valid(rec.Body.Bytes()) || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s: %q %s", body, rec.Header().Get("Content-Type"), rec.Body.String())
		}
	}
}

// TestRunAPIViewFailureIsLogged: when the simulator fails to describe the
// state (a bug of ours), the learner still gets the output, and the server
// logs the failure.
func TestRunAPIViewFailureIsLogged(t *testing.T) {
	broken := func(ctx context.Context, req sim.Request) (*sim.Result, error) {
		res, err := sim.Run(ctx, req)
		if err == nil {
			res.Observed = sim.Observed{ViewFailure: "describing the program's state: boom"}
		}
		return res, err
	}
	s, logs := newTestServer(t, Config{Runner: broken})
	_, got := postJSON(t, s, runJSON(t, "print(1)", nil, nil))
	if got == nil || got.Output != "1\n" || len(got.State) != 0 {
		t.Fatalf("answer %+v", got)
	}
	if !strings.Contains(logs.String(), "state view failed") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("logs lack the failure:\n%s", logs.String())
	}
}

// TestRunAPIStateAndTimeline: the answer carries the state view, the
// timeline and the plots as JSON arrays, never null.
func TestRunAPIStateAndTimeline(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	req := httptest.NewRequest("POST", "/api/run", strings.NewReader(runJSON(t, foundingSnippet, nil, nil)))
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
		t.Fatalf("status %d: %v", rec.Code, err)
	}
	for _, field := range []string{"state", "timeline", "plots", "files"} {
		if !strings.HasPrefix(string(raw[field]), "[") {
			t.Errorf("%s is %s, want an array", field, raw[field])
		}
	}
	var got RunResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var kinds, names []string
	for _, e := range got.Timeline {
		kinds = append(kinds, e.Kind)
	}
	for _, o := range got.State {
		names = append(names, o.Name)
	}
	if strings.Join(kinds, " ") != "inplace save inplace load load_state_dict" {
		t.Errorf("timeline kinds %v", kinds)
	}
	if strings.Join(names, " ") != "model optimizer param checkpoint loaded" {
		t.Errorf("state names %v", names)
	}
	_, empty := postJSON(t, s, `{"code": "x = 1"}`)
	if empty == nil || len(empty.State) != 0 || len(empty.Timeline) != 0 {
		t.Errorf("a program without torch objects: %+v", empty)
	}
}

// TestRunAPIFiles: a saved checkpoint comes back with its size, hash, bytes
// and listing; a file the request sent unchanged comes back without bytes.
func TestRunAPIFiles(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	code := "import torch\ntorch.save({'w': torch.ones(2, 3), 'epoch': 3}, 'checkpoint.pth')\nprint(open('notes.txt').read())"
	resp, got := postJSON(t, s, runJSON(t, code, nil, map[string][]byte{"notes.txt": []byte("hello")}))
	if got == nil {
		t.Fatalf("status %d: %s", resp.StatusCode, body(t, resp))
	}
	if got.Error != nil {
		t.Fatalf("error: %s", got.Output)
	}
	if len(got.Files) != 2 || got.Files[0].Name != "checkpoint.pth" || got.Files[1].Name != "notes.txt" {
		t.Fatalf("files %+v, want checkpoint.pth and notes.txt", got.Files)
	}
	ckpt, notes := got.Files[0], got.Files[1]
	data, err := base64.StdEncoding.DecodeString(ckpt.Content)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if !ckpt.Changed || len(data) != ckpt.Size || hex.EncodeToString(sum[:]) != ckpt.SHA256 {
		t.Errorf("checkpoint: changed %v, size %d, %d bytes sent, sha %s", ckpt.Changed, ckpt.Size, len(data), ckpt.SHA256)
	}
	if _, err := sim.ListCheckpoint(data); err != nil {
		t.Errorf("the sent bytes are not a checkpoint: %v", err)
	}
	var paths []string
	for _, e := range ckpt.Checkpoint {
		paths = append(paths, e.Path+" "+e.DType)
	}
	if want := `['w'] torch.float32|['epoch'] `; strings.Join(paths, "|") != want {
		t.Errorf("listing %q, want %q", strings.Join(paths, "|"), want)
	}
	if notes.Changed || notes.Content != "" || notes.Size != 5 {
		t.Errorf("unchanged notes.txt: %+v", notes)
	}
}

// TestRunAPIFilesFromHistory: a file an earlier block wrote is listed with
// every later run, but its bytes travel only with the answer of the block
// that wrote it, unless the page asks for all of them (to download it after
// a reload).
func TestRunAPIFilesFromHistory(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	history := []string{"import torch\ntorch.save(torch.ones(3), 'w.pth')\n"}
	_, got := postJSON(t, s, runJSON(t, "print('next block')", history, nil))
	if got == nil || len(got.Files) != 1 {
		t.Fatalf("answer %+v, want w.pth listed", got)
	}
	if f := got.Files[0]; f.Name != "w.pth" || f.Changed || f.Content != "" || f.Size == 0 {
		t.Errorf("w.pth after a block that did not write it: %+v", f)
	}

	_, all := postJSON(t, s, `{"code": "", "history": ["import torch\ntorch.save(torch.ones(3), 'w.pth')\n"], "all_contents": true}`)
	if all == nil || len(all.Files) != 1 {
		t.Fatalf("answer %+v, want w.pth listed", all)
	}
	data, err := base64.StdEncoding.DecodeString(all.Files[0].Content)
	if err != nil || len(data) != all.Files[0].Size {
		t.Errorf("all_contents sent %d bytes (%v), want the file's %d", len(data), err, all.Files[0].Size)
	}
}

// TestRunAPIUploadedCheckpoint: a checkpoint sent in files (an upload)
// loads in the snippet, and comes back unchanged, without its bytes.
func TestRunAPIUploadedCheckpoint(t *testing.T) {
	saved, err := sim.Run(context.Background(), sim.Request{Code: "import torch\ntorch.save({'epoch': 7, 'w': torch.ones(2)}, 'up.pth')"})
	if err != nil || saved.Error != nil {
		t.Fatalf("save: %v %v", err, saved.Error)
	}
	s, _ := newTestServer(t, Config{})
	resp, got := postJSON(t, s, runJSON(t, "import torch\nprint(torch.load('up.pth')['epoch'])", nil, map[string][]byte{"up.pth": saved.Files["up.pth"]}))
	if got == nil {
		t.Fatalf("status %d: %s", resp.StatusCode, body(t, resp))
	}
	if got.Output != "7\n" || len(got.Files) != 1 || got.Files[0].Checkpoint == nil || got.Files[0].Changed || got.Files[0].Content != "" || len(got.Files[0].Checkpoint) != 2 {
		t.Errorf("output %q, files %+v", got.Output, got.Files)
	}
}

// TestRunAPISafetensors: a .safetensors file lists its tensors; a broken
// checkpoint says why it cannot be listed.
func TestRunAPISafetensors(t *testing.T) {
	s, _ := newTestServer(t, Config{})
	code := "import torch\nfrom safetensors.torch import save_file\nsave_file({'w': torch.zeros(2, 3)}, 'm.safetensors')\nopen('bad.pth', 'w').write('not a zip')\n"
	resp, got := postJSON(t, s, runJSON(t, code, nil, nil))
	if got == nil {
		t.Fatalf("status %d: %s", resp.StatusCode, body(t, resp))
	}
	if got.Error != nil {
		t.Fatalf("error: %s", got.Output)
	}
	if len(got.Files) != 2 {
		t.Fatalf("files %+v", got.Files)
	}
	bad, st := got.Files[0], got.Files[1]
	if bad.CheckpointError == "" || bad.Checkpoint != nil {
		t.Errorf("bad.pth: %+v, want an error", bad)
	}
	if len(st.Checkpoint) != 1 || st.Checkpoint[0].Path != "w" || st.Checkpoint[0].DType != "torch.float32" || len(st.Checkpoint[0].Shape) != 2 {
		t.Errorf("m.safetensors listing %+v", st.Checkpoint)
	}
}

// TestRunAPIRefuses: every malformed or oversized request gets a 4xx with a
// message that says what to fix.
func TestRunAPIRefuses(t *testing.T) {
	s, _ := newTestServer(t, Config{Run: RunLimits{MaxBodyBytes: 4096, MaxCodeBytes: 100, MaxHistory: 2, MaxHistoryBytes: 50, MaxFileBytes: 10, MaxFiles: 1}})
	tests := []struct {
		name, body  string
		status      int
		wantMessage string
	}{
		{"empty", "", 400, "The request body is empty"},
		{"not JSON", "{code: 1}", 400, "not valid JSON"},
		{"unknown field", `{"code": "", "kernel": 1}`, 400, `Unknown field "kernel"`},
		{"wrong type", `{"code": 1}`, 400, `Field "code" must be a string`},
		{"two values", `{"code": ""} {}`, 400, "more than one JSON value"},
		{"body too large", `{"code": "` + strings.Repeat("x", 5000) + `"}`, 413, "larger than 4 KiB"},
		{"code too large", `{"code": "` + strings.Repeat("x", 101) + `"}`, 413, "blocks may be at most 100 B"},
		{"history too long", `{"code": "", "history": ["a", "b", "c"]}`, 400, "more than the 2 the server replays"},
		{"history too large", `{"code": "", "history": ["` + strings.Repeat("x", 51) + `"]}`, 400, "add up to 51 B"},
		{"bad base64", `{"code": "", "files": {"a.pth": "%%%"}}`, 400, `File "a.pth" is not valid base64`},
		{"file too large", `{"code": "", "files": {"a.pth": "` + base64.StdEncoding.EncodeToString(make([]byte, 11)) + `"}}`, 413, "files may be at most 10 B"},
		{"too many files", `{"code": "", "files": {"a": "", "b": ""}}`, 400, "at most 1 are allowed"},
		{"path in a file name", `{"code": "", "files": {"../etc/passwd": ""}}`, 400, "must not contain a slash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := postJSON(t, s, tt.body)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			var got struct {
				Error struct{ Code, Message string }
			}
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
				t.Fatalf("answer is not JSON: %v", err)
			}
			if !strings.Contains(got.Error.Message, tt.wantMessage) {
				t.Errorf("message %q, want it to contain %q", got.Error.Message, tt.wantMessage)
			}
		})
	}

	t.Run("form content type", func(t *testing.T) {
		req := httptest.NewRequest("POST", "/api/run", strings.NewReader("code=1"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "Send the program as JSON") {
			t.Errorf("status %d, body %s", rec.Code, rec.Body)
		}
	})
}

// TestRunLimitsAsSentences: a program stopped by a limit reports which
// one, with a sentence for the learner.
func TestRunLimitsAsSentences(t *testing.T) {
	s, _ := newTestServer(t, Config{Run: RunLimits{Sim: sim.Limits{Steps: 1000, OutputBytes: 100, Timeout: 5 * time.Second}}})
	tests := []struct{ code, limit, text string }{
		{"while True:\n    pass", "steps", "ran more than 1,000 steps"},
		{"while True:\n    print('x' * 10)", "output", "printed more than 100 B"},
	}
	for _, tt := range tests {
		_, got := postJSON(t, s, runJSON(t, tt.code, nil, nil))
		if got == nil || got.Error == nil {
			t.Fatalf("%q: no error", tt.code)
		}
		if got.Error.Limit != tt.limit || !strings.Contains(got.Error.LimitText, tt.text) {
			t.Errorf("%q: limit %q %q, want %q and text with %q", tt.code, got.Error.Limit, got.Error.LimitText, tt.limit, tt.text)
		}
	}
}

// TestRunRateLimit: past its runs per minute a client gets 429 with
// Retry-After; another client is not affected.
func TestRunRateLimit(t *testing.T) {
	s, _ := newTestServer(t, Config{Run: RunLimits{RatePerMinute: 2}})
	send := func(addr string) *http.Response {
		req := httptest.NewRequest("POST", "/api/run", strings.NewReader(`{"code": "1"}`))
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Result()
	}
	for i := 0; i < 2; i++ {
		if resp := send("192.0.2.1:1234"); resp.StatusCode != 200 {
			t.Fatalf("run %d: status %d", i, resp.StatusCode)
		}
	}
	resp := send("192.0.2.1:5678")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third run: status %d, Retry-After %q; want 429 and a value", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if msg := body(t, resp); !strings.Contains(msg, "You have started 2 runs in the last minute") {
		t.Errorf("429 body %s", msg)
	}
	if resp := send("192.0.2.2:1234"); resp.StatusCode != 200 {
		t.Errorf("another client: status %d", resp.StatusCode)
	}
}

// TestRunConcurrencyBound: with every run slot taken, a run waits
// QueueWait and then gets 503 with Retry-After.
func TestRunConcurrencyBound(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	blocking := func(ctx context.Context, req sim.Request) (*sim.Result, error) {
		started <- struct{}{}
		<-release
		return &sim.Result{Output: "done\n"}, nil
	}
	s, _ := newTestServer(t, Config{Runner: blocking, Run: RunLimits{MaxConcurrent: 1, QueueWait: 20 * time.Millisecond}})
	done := make(chan *RunResponse)
	go func() {
		_, got := postJSON(t, s, `{"code": "slow()"}`)
		done <- got
	}()
	<-started
	resp, _ := postJSON(t, s, `{"code": "fast()"}`)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("over the bound: status %d, Retry-After %q; want 503 and a value", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	close(release)
	if got := <-done; got == nil || got.Output != "done\n" {
		t.Errorf("the run holding the slot got %+v", got)
	}
}

// TestRunFormWithoutJS: the lesson page's blocks are forms; posting one
// renders the lesson with the output under the block, and the next post
// replays the block before it.
func TestRunFormWithoutJS(t *testing.T) {
	course, err := lessons.Load(lessons.Embedded(), "lessons")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := newTestServer(t, Config{Course: course})
	page := body(t, do(t, s, "GET", "/lessons/when-loading-fails"))
	for _, want := range []string{
		`<form class="run-form" method="post" action="/lessons/when-loading-fails/run#block-1">`,
		`<textarea class="runnable-source" name="code"`,
		`<button type="submit" class="run-button">Run</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("lesson page lacks %s", want)
		}
	}
	if strings.Contains(page, "hidden readonly") {
		t.Error("a block's textarea is still hidden: the page would not work without JS")
	}

	post := func(form url.Values) string {
		req := httptest.NewRequest("POST", "/lessons/when-loading-fails/run", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	first := course.Lessons[4].Blocks[0].Source
	second := course.Lessons[4].Blocks[1].Source
	// Block 0 saves checkpoint.pth; block 1 loads it and fails on the wrong key.
	out := post(url.Values{"block": {"0"}, "code": {strings.ReplaceAll(first, "\n", "\r\n")}})
	if !strings.Contains(out, `<section class="run-output"`) || !strings.Contains(out, "checkpoint.pth") {
		t.Errorf("first run shows no output with the saved file")
	}
	if !strings.Contains(out, `<input type="hidden" name="history" value="`) {
		t.Errorf("the page does not carry the block just run as history")
	}
	if !strings.Contains(out, `<a class="run-restart-link" href="/lessons/when-loading-fails#block-0">Restart</a>`) {
		t.Errorf("the page after a run has no Restart link")
	}
	out = post(url.Values{"block": {"1"}, "code": {second}, "history": {first}})
	if !strings.Contains(out, `<strong class="run-exception">KeyError: &#39;optimizer&#39;`) {
		t.Errorf("second run does not emphasise the KeyError line:\n%s", excerpt(out, "run-output"))
	}

	req := httptest.NewRequest("POST", "/lessons/when-loading-fails/run", strings.NewReader("block=99&code=1"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "names no block of this lesson") {
		t.Errorf("unknown block: status %d", rec.Code)
	}
}

// excerpt returns the text around the first occurrence of marker.
func excerpt(s, marker string) string {
	i := strings.Index(s, marker)
	if i < 0 {
		return "(no " + marker + ")"
	}
	return s[i:min(len(s), i+1500)]
}

func TestSplitTraceback(t *testing.T) {
	tests := []struct{ tb, body, last string }{
		{"Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    d['x']\nKeyError: 'x'\n",
			"Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\n    d['x']\n", "KeyError: 'x'\n"},
		{"Traceback (most recent call last):\n  File \"main.py\", line 1\nRuntimeError: Error(s) in loading:\n\tMissing key(s): \"w\".\n",
			"Traceback (most recent call last):\n  File \"main.py\", line 1\n", "RuntimeError: Error(s) in loading:\n\tMissing key(s): \"w\".\n"},
		{"no newline", "", "no newline"},
	}
	for _, tt := range tests {
		body, last := splitTraceback(tt.tb)
		if body != tt.body || last != tt.last {
			t.Errorf("splitTraceback(%q) = %q, %q; want %q, %q", tt.tb, body, last, tt.body, tt.last)
		}
	}
}
