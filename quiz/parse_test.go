package quiz

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// valid is a quiz with one question of every type. Tests derive broken
// quizzes from it by replacing one piece.
const valid = `---
lesson: why-checkpoint
title: A sample
---

Intro text.

## Pick one {#pick-one}
type: choice

Which is a tensor?

### Options
- [x] torch.zeros(2)
- [ ] nn.Linear(2, 1)
- [ ] Both of the above {pin}

### Hint
One holds numbers.

### Explanation
zeros makes a tensor.

## Pick several {#pick-several}
type: multiple

Which are saved by model.state_dict()?

### Options
- [x] weight
- [x] bias
- [ ] grad

### Hint
Parameters and buffers.

### Explanation
Gradients are not state.

## Typed output {#typed-output}
type: output

What does it print?

` + "```python" + `
print(1 + 1)
` + "```" + `

### Hint
Add.

### Explanation
Two.

## Picked output {#picked-output}
type: output

What does it print?

` + "```python" + `
print(2 * 3)
` + "```" + `

### Options
- [ ] ` + "`5`" + `
- [ ] ` + "```text" + `
  6
  ` + "```" + `
- [ ] ` + "```python" + `
  print(2 + 2)
  ` + "```" + `

### Hint
Multiply.

### Explanation
Six.

## Which error {#which-error}
type: error

Does it run?

` + "```python" + `
d = {'a': 1}
d['b']
` + "```" + `

### Setup
` + "```python" + `
open('x.txt', 'w').write('x')
` + "```" + `

### Hint
Keys.

### Explanation
No key b.

## Which line {#which-line}
type: line

Which line fails?

` + "```python" + `
x = 1

y = x / 0
` + "```" + `

### Hint
Division.

### Explanation
By zero.

## Short {#short}
type: short

Which key?

### Answer
- optimizer_state
- ` + "`'optimizer_state'`" + `

### Hint
Look.

### Explanation
That one.
`

// validRunner knows every program of valid.
var validRunner = fakeRunner{
	"print(1 + 1)":                  {Output: "2\n"},
	"print(2 * 3)":                  {Output: "6\n"},
	"print(2 + 2)":                  {Output: "4\n"},
	"open('x.txt', 'w').write('x')": {Files: map[string][]byte{"x.txt": []byte("x")}},
	"d = {'a': 1}\nd['b']":          {Error: &RunError{Type: "KeyError", Message: "'b'", Line: 2}},
	"x = 1\n\ny = x / 0":            {Error: &RunError{Type: "ZeroDivisionError", Message: "division by zero", Line: 3}},
}

func mustLoad(t *testing.T, src string, r Runner) *Quiz {
	t.Helper()
	q, err := Parse("sample.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if err := q.ComputeKeys(context.Background(), r); err != nil {
		t.Fatalf("ComputeKeys: %v", err)
	}
	return q
}

func TestParseValid(t *testing.T) {
	q := mustLoad(t, valid, validRunner)
	if q.ID != "sample" || q.Lesson != "why-checkpoint" || q.Title != "A sample" || q.Intro != "Intro text." {
		t.Errorf("quiz = %q %q %q %q", q.ID, q.Lesson, q.Title, q.Intro)
	}
	var ids []string
	for _, qu := range q.Questions {
		ids = append(ids, qu.ID+":"+string(qu.Type))
	}
	got := strings.Join(ids, " ")
	want := "pick-one:choice pick-several:multiple typed-output:output picked-output:output which-error:error which-line:line short:short"
	if got != want {
		t.Errorf("questions = %s\nwant %s", got, want)
	}
	pick := q.Question("pick-one")
	if !pick.Options[0].Correct || pick.Options[1].Correct || !pick.Options[2].Pinned || pick.Options[2].Text != "Both of the above" {
		t.Errorf("pick-one options = %+v", pick.Options)
	}
	picked := q.Question("picked-output")
	var texts []string
	for _, o := range picked.Options {
		texts = append(texts, o.Text)
	}
	if got, want := strings.Join(texts, "|"), "5|6|4"; got != want {
		t.Errorf("picked-output option texts = %q, want %q (the third is the variant's output)", got, want)
	}
	if !picked.Options[1].Correct || picked.Options[0].Correct || picked.Options[2].Correct {
		t.Errorf("picked-output: the simulator prints 6, so only option b is correct: %+v", picked.Options)
	}
	if got := q.Question("which-error").Setup; got != "open('x.txt', 'w').write('x')" {
		t.Errorf("setup = %q", got)
	}
	line := q.Question("which-line")
	if len(line.Options) != 2 || line.Options[0].ID != "1" || line.Options[1].ID != "3" {
		t.Errorf("which-line options are the non-blank lines: %+v", line.Options)
	}
	if got := q.Question("short").Accepted; strings.Join(got, "|") != "optimizer_state|'optimizer_state'" {
		t.Errorf("accepted = %q", got)
	}
}

// TestParseMistakes shows every authoring mistake the parser reports, with
// the file, line and sentence an instructor sees.
func TestParseMistakes(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // valid with old replaced by new
		want     string
	}{
		{"no front matter", "---\nlesson: why-checkpoint\ntitle: A sample\n---\n", "",
			`sample.md:1: a quiz starts with front matter: a line "---", then "lesson: SLUG" and "title: TITLE", then "---"`},
		{"no lesson", "lesson: why-checkpoint\n", "",
			`sample.md:1: the front matter does not name the quiz's lesson: add "lesson: SLUG"`},
		{"unknown front matter key", "title: A sample\n", "title: A sample\nauthor: me\n",
			`sample.md:4: unknown front matter key "author" (a quiz has lesson and title)`},
		{"missing answer in a choice question", "- [x] torch.zeros(2)", "- [ ] torch.zeros(2)",
			`sample.md:13: choice question "pick-one" has no correct answer: mark the correct option "- [x]"`},
		{"two answers in a choice question", "- [ ] nn.Linear(2, 1)", "- [x] nn.Linear(2, 1)",
			`sample.md:13: choice question "pick-one" marks 2 options correct; a choice question has exactly one (use type: multiple for several)`},
		{"missing answer in a multiple question", "- [x] weight\n- [x] bias", "- [ ] weight\n- [ ] bias",
			`sample.md:29: multiple question "pick-several" has no correct answer: mark each correct option "- [x]"`},
		{"missing answer in a short question", "### Answer\n- optimizer_state\n- `'optimizer_state'`\n", "",
			`sample.md:117: short question "short" has no ### Answer: list the accepted answers as "- answer" lines`},
		{"answer typed for an output question", "### Hint\nAdd.", "### Answer\n- 2\n\n### Hint\nAdd.",
			`sample.md:49: output question "typed-output" cannot have an ### Answer: its key is what the simulator computes for the snippet`},
		{"output option marked correct by hand", "- [ ] `5`", "- [x] `5`",
			`sample.md:64: output question "picked-output" marks an option with [x], but its correct option is the one matching what the simulator prints: use "- [ ]" for every option`},
		{"duplicate id", "{#pick-several}", "{#pick-one}",
			`sample.md:24: duplicate question id "pick-one" (first used at line 8); ids must be unique in a quiz`},
		{"unknown type", "type: multiple", "type: multi",
			`sample.md:25: unknown question type "multi" (types are choice, multiple, output, error, line, short)`},
		{"unknown field", "type: choice\n", "type: choice\npoints: 3\n",
			`sample.md:10: unknown field "points" in question "pick-one" (the only field is type)`},
		{"no prompt", "Which is a tensor?\n\n", "",
			`sample.md:8: question "pick-one" has no prompt: write the question between its fields and its first ### section`},
		{"answer given as a line of a short question", "- optimizer_state\n", "optimizer_state\n",
			`sample.md:123: the ### Answer of question "short" lists accepted answers as "- answer" lines; "optimizer_state" is not one`},
		{"no type", "## Pick one {#pick-one}\ntype: choice\n", "## Pick one {#pick-one}\n",
			`sample.md:8: question "pick-one" has no type: add a line "type: ..." under its heading (types are choice, multiple, output, error, line, short)`},
		{"heading without id", "## Pick one {#pick-one}", "## Pick one",
			`sample.md:8: the question heading has no id: end it with {#some-id}, an id that stays the same when the question is edited`},
		{"bad id", "{#pick-one}", "{#Pick One}",
			`sample.md:8: question id "Pick One" must be lowercase letters, digits and dashes`},
		{"no hint", "### Hint\nOne holds numbers.\n", "",
			`sample.md:8: question "pick-one" has no ### Hint section`},
		{"no explanation", "### Explanation\nzeros makes a tensor.\n", "",
			`sample.md:8: question "pick-one" has no ### Explanation section`},
		{"unknown section", "### Hint\nOne holds numbers.", "### Hints\nOne holds numbers.",
			`sample.md:18: unknown section "Hints" in question "pick-one" (sections are Options, Answer, Setup, Hint, Explanation)`},
		{"output question without snippet", "```python\nprint(1 + 1)\n```", "```text\nprint(1 + 1)\n```",
			`sample.md:40: output question "typed-output" needs its snippet in the prompt as a ` + "```python" + ` code block`},
		{"options on an error question", "### Setup\n", "### Options\n- [ ] a\n- [ ] b\n\n### Setup\n",
			`sample.md:89: error question "which-error" cannot have ### Options: the learner types the answer`},
		{"setup on a choice question", "### Hint\nOne holds numbers.", "### Setup\n```python\nx = 1\n```\n\n### Hint\nOne holds numbers.",
			`sample.md:18: question "pick-one" is a choice question: only output, error and line questions run code, so it cannot have a ### Setup`},
		{"unclosed code block", "y = x / 0\n```", "y = x / 0\n",
			`sample.md:105: the code block opened here is never closed (close it with ` + "```" + `)`},
		{"stray line among options", "- [ ] grad", "- [ ] grad\nnot an option",
			`sample.md:33: expected an option "- [ ] text" or "- [x] text" in the ### Options of question "pick-several", or a line indented under one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("valid has no %q", tt.old)
			}
			src := strings.Replace(valid, tt.old, tt.new, 1)
			_, err := Parse("sample.md", []byte(src))
			if err == nil {
				t.Fatalf("Parse accepted the quiz; want mistake\n%s", tt.want)
			}
			if !containsLine(err.Error(), tt.want) {
				t.Errorf("mistakes:\n%s\nwant the line\n%s", err, tt.want)
			}
		})
	}
}

// TestKeyMistakes shows the mistakes only running the snippets reveals.
func TestKeyMistakes(t *testing.T) {
	tests := []struct {
		name    string
		program string // the program whose outcome changes
		outcome Outcome
		want    string
	}{
		{"snippet raises where an output is expected", "print(1 + 1)",
			Outcome{Error: &RunError{Type: "NameError", Message: "name 'prnt' is not defined", Line: 1}},
			`sample.md:40: output question "typed-output" expects its snippet to print, but it raises NameError: name 'prnt' is not defined at line 1 (make it an error question, or fix the snippet)`},
		{"snippet prints nothing", "print(1 + 1)", Outcome{Output: "\n"},
			`sample.md:40: the snippet of output question "typed-output" prints nothing, so there is nothing to predict`},
		{"output not among the options", "print(2 * 3)", Outcome{Output: "7\n"},
			`sample.md:55: the snippet of question "picked-output" prints "7", which is not among its options`},
		{"two options match the output", "print(2 + 2)", Outcome{Output: "6\n"},
			`sample.md:55: options b, c of question "picked-output" all print the snippet's output; exactly one may`},
		{"variant raises", "print(2 + 2)", Outcome{Error: &RunError{Type: "TypeError", Message: "boom", Line: 1}},
			`sample.md:55: the variant in option c of question "picked-output" raises TypeError: boom at line 1; a variant must print an output`},
		{"setup raises", "open('x.txt', 'w').write('x')", Outcome{Error: &RunError{Type: "OSError", Message: "no", Line: 1}},
			`sample.md:79: the setup of question "which-error" raises OSError: no at line 1; a setup must run cleanly`},
		{"line question whose snippet runs", "x = 1\n\ny = x / 0", Outcome{},
			`sample.md:100: line question "which-line" expects its snippet to raise, but it runs without an error`},
		{"simulator fails", "d = {'a': 1}\nd['b']", Outcome{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fakeRunner{}
			for k, v := range validRunner {
				r[k] = v
			}
			if tt.want == "" {
				delete(r, tt.program)
				tt.want = `sample.md:79: the snippet of question "which-error" did not run to the end: fake runner: no outcome for "d = {'a': 1}\nd['b']"`
			} else {
				r[tt.program] = tt.outcome
			}
			q, err := Parse("sample.md", []byte(valid))
			if err != nil {
				t.Fatal(err)
			}
			err = q.ComputeKeys(context.Background(), r)
			if err == nil {
				t.Fatalf("ComputeKeys accepted the quiz; want\n%s", tt.want)
			}
			if !containsLine(err.Error(), tt.want) {
				t.Errorf("mistakes:\n%s\nwant the line\n%s", err, tt.want)
			}
		})
	}
}

func containsLine(text, line string) bool {
	for l := range strings.Lines(text) {
		if strings.TrimSuffix(l, "\n") == line {
			return true
		}
	}
	return strings.Contains(text, line) && strings.Contains(line, "\n")
}

func TestLoadKeepsGoodQuizzes(t *testing.T) {
	broken := strings.Replace(valid, "type: choice", "type: chioce", 1)
	fsys := fstest.MapFS{
		"01-good.md":   {Data: []byte(valid)},
		"02-broken.md": {Data: []byte(broken)},
		"03-other.md":  {Data: []byte(strings.Replace(valid, "Intro text.", "Another intro.", 1))},
		"notes.txt":    {Data: []byte("not a quiz")},
	}
	set, err := Load(context.Background(), fsys, validRunner)
	want := `02-broken.md:9: unknown question type "chioce" (types are choice, multiple, output, error, line, short)`
	if err == nil || !containsLine(err.Error(), want) {
		t.Errorf("Load error = %v, want the line\n%s", err, want)
	}
	if set == nil || len(set.Quizzes) != 2 || set.Quiz("good") == nil || set.Quiz("broken") != nil {
		t.Fatalf("Load kept %+v; want the two good quizzes", set)
	}
	if set.Quiz("good").Version == set.Quizzes[1].Version {
		t.Errorf("two different files have the same version %s", set.Quiz("good").Version)
	}
	if got := len(set.ForLesson("why-checkpoint")); got != 2 {
		t.Errorf("ForLesson found %d quizzes, want 2", got)
	}
	err = set.CheckLessons(func(slug string) bool { return slug == "other" })
	if err == nil || !containsLine(err.Error(), `01-good.md:2: lesson "why-checkpoint" does not exist`) {
		t.Errorf("CheckLessons = %v", err)
	}
}

func TestComputeKeysWithoutRunner(t *testing.T) {
	q, err := Parse("sample.md", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	err = q.ComputeKeys(context.Background(), nil)
	want := `sample.md:40: the key of output question "typed-output" cannot be computed: no simulator to run its snippet`
	if err == nil || !containsLine(err.Error(), want) {
		t.Errorf("ComputeKeys(nil) = %v, want the line\n%s", err, want)
	}
}
