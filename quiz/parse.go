package quiz

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// srcLine is one line of a quiz file with its 1-based number, so every
// mistake can name where it is.
type srcLine struct {
	n    int
	text string
}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	headingID      = regexp.MustCompile(`^(.*?)\s*\{#([^}]*)\}\s*$`)
	fieldPattern   = regexp.MustCompile(`^([A-Za-z][A-Za-z-]*):\s*(.*)$`)
	optionPattern  = regexp.MustCompile(`^- \[([ xX]?)\](.*)$`)
	orderPrefix    = regexp.MustCompile(`^[0-9]+-`)
	frontMatterKey = regexp.MustCompile(`^([a-z]+):\s*(.*)$`)
)

// sectionNames are the "### Name" sections a question may have.
var sectionNames = []string{"Options", "Answer", "Setup", "Hint", "Explanation"}

// parser collects mistakes while reading one file.
type parser struct {
	file     string
	mistakes Mistakes
}

func (p *parser) mistake(line int, format string, args ...any) {
	p.mistakes = append(p.mistakes, Mistake{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Parse reads one quiz file. It reports every mistake it finds as a
// Mistakes error. Keys of code questions are not computed yet: see
// ComputeKeys.
func Parse(file string, src []byte) (*Quiz, error) {
	p := &parser{file: file}
	sum := sha256.Sum256(src)
	q := &Quiz{
		ID:      orderPrefix.ReplaceAllString(strings.TrimSuffix(path.Base(file), ".md"), ""),
		File:    file,
		Version: hex.EncodeToString(sum[:6]),
	}
	lines := splitLines(src)
	body := p.frontMatter(q, lines)
	p.checkFences(body)
	p.questions(q, body)
	if err := p.mistakes.err(); err != nil {
		return nil, err
	}
	return q, nil
}

func splitLines(src []byte) []srcLine {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	text := strings.TrimSuffix(string(src), "\n")
	if text == "" {
		return nil
	}
	parts := strings.Split(text, "\n")
	lines := make([]srcLine, len(parts))
	for i, t := range parts {
		lines[i] = srcLine{n: i + 1, text: strings.TrimRight(t, " \t")}
	}
	return lines
}

// frontMatter reads the "---" block at the top and returns the lines after it.
func (p *parser) frontMatter(q *Quiz, lines []srcLine) []srcLine {
	if len(lines) == 0 || lines[0].text != "---" {
		p.mistake(1, "a quiz starts with front matter: a line \"---\", then \"lesson: SLUG\" and \"title: TITLE\", then \"---\"")
		return lines
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if lines[i].text == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		p.mistake(1, "the front matter opened here is never closed with a line \"---\"")
		return nil
	}
	seen := map[string]int{}
	for _, l := range lines[1:end] {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		m := frontMatterKey.FindStringSubmatch(l.text)
		if m == nil {
			p.mistake(l.n, "front matter lines are \"key: value\"; %q is not", l.text)
			continue
		}
		k, v := m[1], strings.TrimSpace(m[2])
		if first, dup := seen[k]; dup {
			p.mistake(l.n, "%q is set twice in the front matter (first at line %d)", k, first)
			continue
		}
		seen[k] = l.n
		switch k {
		case "lesson":
			if !idPattern.MatchString(v) {
				p.mistake(l.n, "lesson %q is not a lesson slug (lowercase letters, digits and dashes)", v)
			}
			q.Lesson, q.lessonLine = v, l.n
		case "title":
			q.Title = v
		default:
			p.mistake(l.n, "unknown front matter key %q (a quiz has lesson and title)", k)
		}
	}
	if q.Lesson == "" && seen["lesson"] == 0 {
		p.mistake(lines[0].n, "the front matter does not name the quiz's lesson: add \"lesson: SLUG\"")
	}
	if q.Title == "" {
		p.mistake(lines[0].n, "the front matter has no title: add \"title: TITLE\"")
	}
	return lines[end+1:]
}

// fence reports whether a line opens or closes a fenced code block, and
// with which marker ("```" or "~~~", possibly longer). Indented fences count,
// as under a list item.
func fence(text string) (marker, info string, ok bool) {
	t := strings.TrimLeft(text, " ")
	if m := optionPattern.FindStringSubmatch(t); m != nil {
		t = strings.TrimLeft(m[2], " ") // a code block can open on an option's line
	}
	for _, c := range []string{"`", "~"} {
		n := 0
		for n < len(t) && t[n:n+1] == c {
			n++
		}
		if n >= 3 {
			return t[:n], strings.TrimSpace(t[n:]), true
		}
	}
	return "", "", false
}

// fenceState follows fenced code blocks so that "## " inside code is not
// taken for a heading.
type fenceState struct {
	open string
	line int
}

// step feeds one line and reports whether it is inside (or delimits) code.
func (f *fenceState) step(l srcLine) bool {
	marker, info, ok := fence(l.text)
	if f.open == "" {
		if ok {
			f.open, f.line = marker, l.n
			return true
		}
		return false
	}
	if ok && info == "" && marker[0] == f.open[0] && len(marker) >= len(f.open) {
		f.open = ""
	}
	return true
}

func (p *parser) checkFences(lines []srcLine) {
	var f fenceState
	for _, l := range lines {
		f.step(l)
	}
	if f.open != "" {
		p.mistake(f.line, "the code block opened here is never closed (close it with %s)", f.open)
	}
}

// splitAt cuts lines before each line, outside code, that starts with
// prefix. The first part is what comes before the first such line.
func splitAt(lines []srcLine, prefix string) (before []srcLine, parts [][]srcLine) {
	var f fenceState
	cur := &before
	for _, l := range lines {
		code := f.step(l)
		if !code && strings.HasPrefix(l.text, prefix) {
			parts = append(parts, nil)
			cur = &parts[len(parts)-1]
		}
		*cur = append(*cur, l)
	}
	return before, parts
}

func (p *parser) questions(q *Quiz, body []srcLine) {
	intro, parts := splitAt(body, "## ")
	q.Intro = joinText(intro)
	if len(parts) == 0 {
		line := 1
		if len(body) > 0 {
			line = body[0].n
		}
		p.mistake(line, "the quiz has no questions: start each with a heading \"## Title {#id}\"")
		return
	}
	seen := map[string]int{}
	for _, part := range parts {
		qu := p.question(part)
		if qu == nil {
			continue
		}
		if first, dup := seen[qu.ID]; dup {
			p.mistake(qu.Line, "duplicate question id %q (first used at line %d); ids must be unique in a quiz", qu.ID, first)
			continue
		}
		seen[qu.ID] = qu.Line
		qu.quizID = q.ID
		q.Questions = append(q.Questions, qu)
	}
}

// question parses one "## " part: the heading, the field lines, the prompt
// and the "### " sections. It returns nil when the heading has no usable id.
func (p *parser) question(lines []srcLine) *Question {
	head := lines[0]
	qu := &Question{Line: head.n}
	m := headingID.FindStringSubmatch(strings.TrimPrefix(head.text, "## "))
	if m == nil {
		p.mistake(head.n, "the question heading has no id: end it with {#some-id}, an id that stays the same when the question is edited")
		return nil
	}
	qu.Title, qu.ID = strings.TrimSpace(m[1]), m[2]
	if !idPattern.MatchString(qu.ID) {
		p.mistake(head.n, "question id %q must be lowercase letters, digits and dashes", qu.ID)
		return nil
	}
	if qu.Title == "" {
		p.mistake(head.n, "question %q has no title before its {#id}", qu.ID)
	}

	rest := p.fields(qu, lines[1:])
	prompt, sections := splitAt(rest, "### ")
	qu.Prompt = joinText(prompt)
	if qu.Prompt == "" {
		p.mistake(head.n, "question %q has no prompt: write the question between its fields and its first ### section", qu.ID)
	}

	found := map[string][]srcLine{}
	for _, sec := range sections {
		name := strings.TrimSpace(strings.TrimPrefix(sec[0].text, "### "))
		if !slices.Contains(sectionNames, name) {
			p.mistake(sec[0].n, "unknown section %q in question %q (sections are %s)", name, qu.ID, strings.Join(sectionNames, ", "))
			continue
		}
		if prev, dup := found[name]; dup {
			p.mistake(sec[0].n, "question %q has a second ### %s section (first at line %d)", qu.ID, name, prev[0].n)
			continue
		}
		found[name] = sec
	}

	qu.Hint = p.textSection(qu, found["Hint"], "Hint", head.n)
	qu.Explanation = p.textSection(qu, found["Explanation"], "Explanation", head.n)
	if qu.Type == "" {
		return qu
	}
	if qu.Type.runsCode() {
		qu.Snippet = p.snippet(qu, prompt, head.n)
	}
	if qu.Type == Line && qu.Snippet != "" {
		qu.Options = lineOptions(qu.Snippet)
	}
	p.setup(qu, found["Setup"])
	p.options(qu, found["Options"], head.n)
	p.answer(qu, found["Answer"], head.n)
	return qu
}

// fields reads the "key: value" lines right under the heading, up to the
// first blank line, and returns the lines after them.
func (p *parser) fields(qu *Question, lines []srcLine) []srcLine {
	i := 0
	seen := false
	for ; i < len(lines) && strings.TrimSpace(lines[i].text) != ""; i++ {
		l := lines[i]
		m := fieldPattern.FindStringSubmatch(l.text)
		if m == nil {
			p.mistake(l.n, "expected a field such as \"type: choice\" under the heading of question %q; leave a blank line before the prompt", qu.ID)
			continue
		}
		switch m[1] {
		case "type":
			seen = true
			t := Type(strings.TrimSpace(m[2]))
			if !slices.Contains(types, t) {
				p.mistake(l.n, "unknown question type %q (types are %s)", t, typeList())
				continue
			}
			qu.Type = t
		default:
			p.mistake(l.n, "unknown field %q in question %q (the only field is type)", m[1], qu.ID)
		}
	}
	if !seen {
		p.mistake(qu.Line, "question %q has no type: add a line \"type: ...\" under its heading (types are %s)", qu.ID, typeList())
	}
	return lines[i:]
}

func typeList() string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

func (p *parser) textSection(qu *Question, sec []srcLine, name string, headLine int) string {
	if sec == nil {
		p.mistake(headLine, "question %q has no ### %s section", qu.ID, name)
		return ""
	}
	text := joinText(sec[1:])
	if text == "" {
		p.mistake(sec[0].n, "the ### %s section of question %q is empty", name, qu.ID)
	}
	return text
}

// codeBlock is one fenced block: its info string, its body, and the line
// of its opening fence.
type codeBlock struct {
	info, body string
	line       int
}

// codeBlocks finds the fenced blocks among lines (which may be indented,
// as inside a list item).
func codeBlocks(lines []srcLine) []codeBlock {
	var blocks []codeBlock
	var cur *codeBlock
	var open string
	var body []string
	for _, l := range lines {
		marker, info, ok := fence(l.text)
		if cur == nil {
			if ok {
				cur, open, body = &codeBlock{info: info, line: l.n}, marker, nil
			}
			continue
		}
		if ok && info == "" && marker[0] == open[0] && len(marker) >= len(open) {
			cur.body = dedent(body)
			blocks = append(blocks, *cur)
			cur = nil
			continue
		}
		body = append(body, l.text)
	}
	return blocks
}

// lang is the first word of a fence's info string.
func (b codeBlock) lang() string {
	lang, _, _ := strings.Cut(b.info, " ")
	return lang
}

func (p *parser) snippet(qu *Question, prompt []srcLine, headLine int) string {
	var snippets []codeBlock
	for _, b := range codeBlocks(prompt) {
		if b.lang() == "python" {
			snippets = append(snippets, b)
		}
	}
	switch len(snippets) {
	case 0:
		p.mistake(headLine, "%s question %q needs its snippet in the prompt as a ```python code block", qu.Type, qu.ID)
		return ""
	case 1:
		if strings.TrimSpace(snippets[0].body) == "" {
			p.mistake(snippets[0].line, "the snippet of question %q is empty", qu.ID)
		}
		return snippets[0].body
	default:
		p.mistake(snippets[1].line, "question %q has %d ```python blocks in its prompt; the snippet must be the only one (show other code as ```text)", qu.ID, len(snippets))
		return ""
	}
}

func (p *parser) setup(qu *Question, sec []srcLine) {
	if sec == nil {
		return
	}
	if !qu.Type.runsCode() {
		p.mistake(sec[0].n, "question %q is a %s question: only output, error and line questions run code, so it cannot have a ### Setup", qu.ID, qu.Type)
		return
	}
	blocks := codeBlocks(sec[1:])
	if len(blocks) != 1 || blocks[0].lang() != "python" {
		p.mistake(sec[0].n, "the ### Setup of question %q must hold exactly one ```python block", qu.ID)
		return
	}
	qu.Setup = blocks[0].body
}

// rawOption is an option as written, before the question's type decides
// what its body means.
type rawOption struct {
	mark   string
	first  string
	body   []srcLine
	line   int
	pinned bool
}

func (p *parser) options(qu *Question, sec []srcLine, headLine int) {
	switch qu.Type {
	case Choice, Multiple:
		if sec == nil {
			p.mistake(headLine, "%s question %q has no ### Options section", qu.Type, qu.ID)
			return
		}
	case Output:
		if sec == nil {
			return
		}
	default:
		if sec != nil {
			what := "the learner types the answer"
			if qu.Type == Line {
				what = "its options are the snippet's lines"
			}
			p.mistake(sec[0].n, "%s question %q cannot have ### Options: %s", qu.Type, qu.ID, what)
		}
		return
	}

	raws := p.rawOptions(qu, sec)
	if len(raws) < 2 {
		p.mistake(sec[0].n, "question %q needs at least two options as \"- [ ] text\" lines", qu.ID)
		return
	}
	correct := 0
	for i, r := range raws {
		opt := Option{ID: string(rune('a' + i)), Pinned: r.pinned, line: r.line, Correct: r.mark != ""}
		if opt.Correct {
			correct++
		}
		body := strings.TrimSpace(r.first)
		if len(r.body) > 0 {
			body = strings.TrimSpace(body + "\n" + dedent(strings.Split(linesText(r.body), "\n")))
		}
		if body == "" {
			p.mistake(r.line, "option %s of question %q is empty", opt.ID, qu.ID)
			continue
		}
		opt.Text = body
		if qu.Type == Output {
			p.outputOption(qu, &opt, r, body)
		}
		qu.Options = append(qu.Options, opt)
	}
	if i := len(raws); i > 26 {
		p.mistake(sec[0].n, "question %q has %d options; at most 26", qu.ID, i)
	}
	switch {
	case qu.Type == Output && correct > 0:
		p.mistake(sec[0].n, "output question %q marks an option with [x], but its correct option is the one matching what the simulator prints: use \"- [ ]\" for every option", qu.ID)
	case qu.Type == Choice && correct == 0:
		p.mistake(sec[0].n, "choice question %q has no correct answer: mark the correct option \"- [x]\"", qu.ID)
	case qu.Type == Choice && correct > 1:
		p.mistake(sec[0].n, "choice question %q marks %d options correct; a choice question has exactly one (use type: multiple for several)", qu.ID, correct)
	case qu.Type == Multiple && correct == 0:
		p.mistake(sec[0].n, "multiple question %q has no correct answer: mark each correct option \"- [x]\"", qu.ID)
	}
}

// rawOptions reads "- [ ] text" items; lines indented under an item (and
// blank lines between them) continue it, so an option can hold a code block.
func (p *parser) rawOptions(qu *Question, sec []srcLine) []rawOption {
	var raws []rawOption
	for _, l := range sec[1:] {
		if m := optionPattern.FindStringSubmatch(l.text); m != nil {
			first := m[2]
			if first != "" && first[0] != ' ' {
				p.mistake(l.n, "put a space after the option's box: \"- [ ] text\"")
			}
			first = strings.TrimSpace(first)
			pinned := false
			if t, ok := strings.CutSuffix(first, "{pin}"); ok {
				first, pinned = strings.TrimSpace(t), true
			}
			mark := strings.TrimSpace(m[1])
			raws = append(raws, rawOption{mark: mark, first: first, line: l.n, pinned: pinned})
			continue
		}
		if strings.TrimSpace(l.text) == "" {
			if len(raws) > 0 {
				raws[len(raws)-1].body = append(raws[len(raws)-1].body, l)
			}
			continue
		}
		if strings.HasPrefix(l.text, "  ") && len(raws) > 0 {
			raws[len(raws)-1].body = append(raws[len(raws)-1].body, l)
			continue
		}
		p.mistake(l.n, "expected an option \"- [ ] text\" or \"- [x] text\" in the ### Options of question %q, or a line indented under one", qu.ID)
	}
	return raws
}

// outputOption reads an option of an output question: an output written
// out (a ```text block or `inline code`), or a ```python variant of the
// snippet whose output the simulator computes.
func (p *parser) outputOption(qu *Question, opt *Option, r rawOption, body string) {
	opt.Code = true
	if strings.HasPrefix(body, "`") && strings.HasSuffix(body, "`") && !strings.HasPrefix(body, "```") && len(body) > 1 {
		opt.Text = body[1 : len(body)-1]
		return
	}
	blocks := codeBlocks(append([]srcLine{{n: r.line, text: r.first}}, r.body...))
	if len(blocks) != 1 || !strings.HasPrefix(body, "```") && !strings.HasPrefix(body, "~~~") {
		p.mistake(r.line, "option %s of output question %q must be an output as `inline code` or a ```text block, or a ```python variant of the snippet", opt.ID, qu.ID)
		return
	}
	b := blocks[0]
	if b.lang() == "python" {
		opt.Variant, opt.Text = b.body, ""
		return
	}
	opt.Text = b.body
}

func (p *parser) answer(qu *Question, sec []srcLine, headLine int) {
	if qu.Type != Short {
		if sec != nil {
			why := "it is marked with [x] among the options"
			if qu.Type.runsCode() {
				why = "its key is what the simulator computes for the snippet"
			}
			p.mistake(sec[0].n, "%s question %q cannot have an ### Answer: %s", qu.Type, qu.ID, why)
		}
		return
	}
	if sec == nil {
		p.mistake(headLine, "short question %q has no ### Answer: list the accepted answers as \"- answer\" lines", qu.ID)
		return
	}
	listed := false
	for _, l := range sec[1:] {
		t := strings.TrimSpace(l.text)
		if t == "" {
			continue
		}
		listed = true
		a, ok := strings.CutPrefix(t, "- ")
		if !ok {
			p.mistake(l.n, "the ### Answer of question %q lists accepted answers as \"- answer\" lines; %q is not one", qu.ID, t)
			continue
		}
		a = strings.TrimSpace(a)
		if len(a) > 1 && strings.HasPrefix(a, "`") && strings.HasSuffix(a, "`") {
			a = a[1 : len(a)-1]
		}
		if a == "" {
			p.mistake(l.n, "an accepted answer of question %q is empty", qu.ID)
			continue
		}
		qu.Accepted = append(qu.Accepted, a)
	}
	if !listed {
		p.mistake(sec[0].n, "the ### Answer of short question %q lists no accepted answer", qu.ID)
	}
}

// joinText returns the lines as one trimmed Markdown text.
func joinText(lines []srcLine) string {
	return strings.TrimSpace(linesText(lines))
}

func linesText(lines []srcLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.text
	}
	return strings.Join(parts, "\n")
}

// dedent removes the indentation common to all non-blank lines, so code
// written under a list item reads as the author meant it.
func dedent(ls []string) string {
	indent := -1
	for _, l := range ls {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		if len(l) >= indent && indent > 0 {
			l = l[indent:]
		} else if strings.TrimSpace(l) == "" {
			l = ""
		}
		out[i] = l
	}
	return strings.Join(out, "\n")
}

// snippetLines numbers the snippet's lines from 1, as tracebacks do.
func snippetLines(code string) []string {
	return strings.Split(strings.TrimSuffix(code, "\n"), "\n")
}

// lineOptions offers every non-blank line of the snippet as an option of a
// line question; an option's ID is its line number.
func lineOptions(code string) []Option {
	var opts []Option
	for i, l := range snippetLines(code) {
		if strings.TrimSpace(l) == "" {
			continue
		}
		opts = append(opts, Option{ID: strconv.Itoa(i + 1), Text: l, Code: true, Pinned: true})
	}
	return opts
}
