// Package lessons loads the course's lessons: Markdown files with YAML front
// matter, rendered once to HTML with highlighted code, a table of contents,
// and the runnable snippets that the runner executes and check verifies.
//
// The lesson files live beside this package and are built into the binary;
// Load takes any fs.FS so a course directory on disk can replace them.
package lessons

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed *.md img
var embedded embed.FS

// Embedded returns the lesson folder built into the binary: the *.md lessons
// and the img/ figures they reference.
func Embedded() fs.FS { return embedded }

// A Lesson is one rendered lesson file.
type Lesson struct {
	Slug    string // the URL name, /lessons/{Slug}
	Title   string
	Order   int // position in the course, from 1
	Summary string
	Minutes int // estimated reading and running time

	// Path names the file for messages, as Load was told to name it
	// (e.g. "lessons/01-why-checkpoint.md").
	Path string

	// HTML is the rendered body, without the title. It is trusted: goldmark
	// drops raw HTML from the Markdown, so only the renderer writes markup.
	HTML template.HTML

	// TOC lists the body's level 2 and 3 headings, in order.
	TOC []Heading

	// Blocks are the fenced blocks whose info string starts "python run",
	// in order. Block i is rendered inside <div class="runnable" data-block="i">.
	Blocks []Block

	// Links are the body's links, in order, for check to verify the ones
	// that point at other lessons.
	Links []Link
}

// A Link is one Markdown link of a lesson.
type Link struct {
	Dest string // as written, e.g. "when-loading-fails#missing-keys"
	Line int
}

// A Heading is one entry in a lesson's table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // the anchor, unique within the lesson
	Text  string // plain text
}

// A Block is one runnable snippet of a lesson.
type Block struct {
	// Index is the block's position among its lesson's runnable blocks,
	// from 0. It is stable while the blocks before it stay, and is the
	// data-block attribute of the rendered block.
	Index int

	// Line is the file line of the opening fence, so line n of Source
	// (counting from 1) is line Line+n of the file.
	Line int

	// Info is the whole info string, e.g. "python run fails".
	Info string

	// Fails is set by the word "fails" after "python run": the lesson
	// expects the snippet to end with an exception, and check verifies it.
	Fails bool

	// Source is the snippet, each line ending in "\n".
	Source string
}

// An Error is a problem in one lesson file, reported as "path:line: message"
// so editors and terminals can jump to it.
type Error struct {
	Path string
	Line int // from 1
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

// A Course is the set of lessons loaded from one folder.
type Course struct {
	// Lessons holds the lessons that loaded, sorted by Order.
	Lessons []*Lesson

	// Errors holds one entry per problem found, sorted by path and line.
	// A file with errors is left out of Lessons; the others still serve.
	Errors []*Error

	// FS is the folder the course was loaded from; the server serves its
	// img/ directory so lessons can show figures.
	FS fs.FS

	bySlug map[string]*Lesson
}

// Load reads every *.md file at the top of fsys as a lesson. dir names fsys
// in paths and messages (e.g. "lessons", or "course/lessons" for a content
// directory). A broken file becomes an entry in Course.Errors rather than a
// failure, so one bad lesson does not take the course down; the error result
// is only for a folder that cannot be listed at all.
func Load(fsys fs.FS, dir string) (*Course, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, fmt.Errorf("load lessons from %s: %w", dir, err)
	}
	if _, err := fs.Stat(fsys, "."); err != nil {
		return nil, fmt.Errorf("load lessons from %s: %w", dir, err)
	}
	sort.Strings(names)

	c := &Course{FS: fsys, bySlug: map[string]*Lesson{}}
	byOrder := map[int]*Lesson{}
	for _, name := range names {
		p := path.Join(dir, name)
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			c.Errors = append(c.Errors, &Error{Path: p, Line: 1, Msg: err.Error()})
			continue
		}
		l, fm, errs := parse(fsys, p, src)
		if len(errs) == 0 {
			if other, ok := c.bySlug[l.Slug]; ok {
				errs = append(errs, &Error{Path: p, Line: fm.line("slug"),
					Msg: fmt.Sprintf("slug %q is already used by %s", l.Slug, other.Path)})
			}
			if other, ok := byOrder[l.Order]; ok {
				errs = append(errs, &Error{Path: p, Line: fm.line("order"),
					Msg: fmt.Sprintf("order %d is already used by %s", l.Order, other.Path)})
			}
		}
		if len(errs) > 0 {
			c.Errors = append(c.Errors, errs...)
			continue
		}
		c.bySlug[l.Slug] = l
		byOrder[l.Order] = l
		c.Lessons = append(c.Lessons, l)
	}
	sort.Slice(c.Lessons, func(i, j int) bool { return c.Lessons[i].Order < c.Lessons[j].Order })
	sort.SliceStable(c.Errors, func(i, j int) bool {
		if c.Errors[i].Path != c.Errors[j].Path {
			return c.Errors[i].Path < c.Errors[j].Path
		}
		return c.Errors[i].Line < c.Errors[j].Line
	})
	return c, nil
}

// Lesson returns the lesson with the given slug.
func (c *Course) Lesson(slug string) (*Lesson, bool) {
	l, ok := c.bySlug[slug]
	return l, ok
}

// Neighbours returns the lessons before and after l in course order; either
// is nil at an end of the course.
func (c *Course) Neighbours(l *Lesson) (prev, next *Lesson) {
	for i, x := range c.Lessons {
		if x != l {
			continue
		}
		if i > 0 {
			prev = c.Lessons[i-1]
		}
		if i+1 < len(c.Lessons) {
			next = c.Lessons[i+1]
		}
		break
	}
	return prev, next
}

// Err joins the course's load errors into one error, or returns nil when
// every file loaded.
func (c *Course) Err() error {
	errs := make([]error, len(c.Errors))
	for i, e := range c.Errors {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// isSlug reports whether s is lowercase words of letters and digits joined by
// single hyphens: safe in a URL path without escaping.
func isSlug(s string) bool {
	if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}
