package lessons

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// frontMatter is a lesson's YAML header with the file line of each key, so
// every complaint about it points at the line to fix.
type frontMatter struct {
	title, slug, summary string
	order, minutes       int
	lines                map[string]int // key -> file line
	start                int            // file line of the opening "---"
}

// line returns the file line of key, or of the opening "---" when the key is
// missing.
func (fm *frontMatter) line(key string) int {
	if n, ok := fm.lines[key]; ok {
		return n
	}
	return fm.start
}

// frontMatterKeys lists the keys a lesson's front matter must have, in the
// order messages mention them.
var frontMatterKeys = []string{"title", "slug", "order", "summary", "minutes"}

// yamlLine matches the line number in yaml.v3's syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserErrors are the messages of yaml.v3's parser, as opposed to its
// scanner. yaml.v3 numbers scanner errors from 1 but parser errors from 0
// (see fail in gopkg.in/yaml.v3's decode.go), so these need one added.
var yamlParserErrors = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// decodeFrontMatter checks the front matter that decode (the goldmark
// extension's Data.Decode) yields; it spans the file lines from firstLine to
// the closing "---" at lastLine. It returns every problem it finds.
func decodeFrontMatter(path string, decode func(any) error, firstLine, lastLine int) (*frontMatter, []*Error) {
	fm := &frontMatter{lines: map[string]int{}, start: firstLine - 1}
	errAt := func(line int, format string, args ...any) *Error {
		return &Error{Path: path, Line: line, Msg: "front matter: " + fmt.Sprintf(format, args...)}
	}
	// fileLine turns a YAML line number into a file line. YAML also counts
	// a lone "\r" as a line break, so keep the result inside the front
	// matter whatever it counted.
	fileLine := func(yamlLine int) int {
		return min(max(firstLine+yamlLine-1, fm.start), lastLine)
	}

	var doc yaml.Node
	if err := decode(&doc); err != nil {
		msg, line := err.Error(), fm.start
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
			if slices.Contains(yamlParserErrors, msg) {
				n++
			}
			line = fileLine(n)
			msg = "yaml: " + msg
		}
		return nil, []*Error{errAt(line, "%s", msg)}
	}
	if len(doc.Content) == 0 {
		return nil, []*Error{errAt(fm.start, "empty; want %v", frontMatterKeys)}
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, []*Error{errAt(fileLine(m.Line), "want key: value lines, got a %s", kindName(m.Kind))}
	}

	var errs []*Error
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		line := fileLine(k.Line)
		if _, dup := fm.lines[k.Value]; dup {
			errs = append(errs, errAt(line, "%q appears twice", k.Value))
			continue
		}
		fm.lines[k.Value] = line
		switch k.Value {
		case "title", "slug", "summary":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!str" || v.Value == "" {
				errs = append(errs, errAt(line, "%s: want some text", k.Value))
				continue
			}
			switch k.Value {
			case "title":
				fm.title = v.Value
			case "summary":
				fm.summary = v.Value
			case "slug":
				if !isSlug(v.Value) {
					errs = append(errs, errAt(line, "slug %q: want lowercase letters, digits and single hyphens, like \"saving-the-optimizer\"", v.Value))
					continue
				}
				fm.slug = v.Value
			}
		case "order", "minutes":
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil || n < 1 {
				errs = append(errs, errAt(line, "%s: want a whole number from 1, got %q", k.Value, v.Value))
				continue
			}
			if k.Value == "order" {
				fm.order = n
			} else {
				fm.minutes = n
			}
		default:
			errs = append(errs, errAt(line, "unknown key %q; the keys are %v", k.Value, frontMatterKeys))
		}
	}
	for _, key := range frontMatterKeys {
		if _, ok := fm.lines[key]; !ok {
			errs = append(errs, errAt(fm.start, "missing %q", key))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return fm, nil
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	case yaml.AliasNode:
		return "alias"
	}
	return "document"
}
