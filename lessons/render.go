package lessons

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image"
	_ "image/gif" // figures may be GIF, JPEG or PNG as well as SVG
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"go.abhg.dev/goldmark/frontmatter"
)

// markdown is the one goldmark configuration every lesson renders with. It
// is safe for concurrent use: per-document state lives in the parser context
// and in attributes on the document's own nodes.
var markdown = goldmark.New(
	goldmark.WithExtensions(
		extension.GFM,
		&frontmatter.Extender{Formats: []frontmatter.Format{frontmatter.YAML}},
		highlighting.NewHighlighting(
			// CSS classes rather than inline styles, so the page's CSP can
			// forbid inline styles; the server serves the matching CSS.
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			highlighting.WithWrapperRenderer(wrapCodeBlock),
		),
	),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// Attribute names parse sets on a runnable block's node for wrapCodeBlock,
// which sees only the block's attributes.
const (
	attrBlock  = "ckptlab-block"
	attrSource = "ckptlab-source"
	attrFails  = "ckptlab-fails"
)

// wrapCodeBlock writes what surrounds each fenced block's highlighted code.
//
// A runnable block becomes
//
//	<div class="runnable" data-block="N" [data-fails]>
//	  <pre class="chroma">...highlighted...</pre>
//	  <textarea class="runnable-source" hidden readonly>raw source</textarea>
//	</div>
//
// The hidden textarea carries the exact source for the editor (issue 6) to
// pick up, and can become the field of a form that works without JS. Unlike a
// data- attribute or an inline script it needs no escaping beyond HTML's, and
// the CSP is unaffected: it is neither script nor style. The newline after
// <textarea> is there because HTML drops the first newline of a textarea, so
// a source starting with a blank line survives.
func wrapCodeBlock(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	var index, source any
	var fails bool
	if attrs := c.Attributes(); attrs != nil {
		index, _ = attrs.GetString(attrBlock)
		source, _ = attrs.GetString(attrSource)
		_, fails = attrs.GetString(attrFails)
	}
	runnable := index != nil
	if entering {
		if runnable {
			fmt.Fprintf(w, `<div class="runnable" data-block="%d"`, index)
			if fails {
				_, _ = w.WriteString(` data-fails`)
			}
			_, _ = w.WriteString(">\n")
		}
		if !c.Highlighted() {
			// No lexer for the language: goldmark-highlighting writes the
			// escaped lines and leaves the element to the wrapper.
			_, _ = w.WriteString(`<pre class="chroma"><code>`)
		}
		return
	}
	if !c.Highlighted() {
		_, _ = w.WriteString("</code></pre>\n")
	}
	if runnable {
		src, _ := source.(string)
		_, _ = w.WriteString("<textarea class=\"runnable-source\" hidden readonly>\n")
		_, _ = w.WriteString(html.EscapeString(src))
		_, _ = w.WriteString("</textarea>\n</div>\n")
	}
}

// parse reads one lesson file. p names it in the result and in errors; fsys
// is the lesson folder, where the figures it references must exist.
func parse(fsys fs.FS, p string, src []byte) (*Lesson, *frontMatter, []*Error) {
	lines := newLineIndex(src)
	errAt := func(line int, format string, args ...any) *Error {
		return &Error{Path: p, Line: line, Msg: fmt.Sprintf(format, args...)}
	}

	if !bytes.HasPrefix(src, []byte("---\n")) && !bytes.HasPrefix(src, []byte("---\r\n")) {
		return nil, nil, []*Error{errAt(1, "want front matter first: a \"---\" line, %s as \"key: value\" lines, and another \"---\" line",
			strings.Join(frontMatterKeys, ", "))}
	}
	closing := closingLine(src)
	if closing == 0 {
		return nil, nil, []*Error{errAt(1, "front matter is never closed: want a \"---\" line after it")}
	}

	pc := parser.NewContext()
	doc := markdown.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	data := frontmatter.Get(pc)
	if data == nil {
		return nil, nil, []*Error{errAt(1, "front matter could not be read")}
	}
	fm, errs := decodeFrontMatter(p, data.Decode, 2, closing)

	l := &Lesson{Path: p}
	if fm != nil {
		l.Slug, l.Title, l.Order, l.Summary, l.Minutes = fm.slug, fm.title, fm.order, fm.summary, fm.minutes
	}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			line := lines.of(blockStart(n))
			if n.Level == 1 {
				errs = append(errs, errAt(line, "use ## for sections: the page shows the title from the front matter as its only # heading"))
			}
			id, _ := n.AttributeString("id")
			idText, _ := id.([]byte)
			if n.Level == 2 || n.Level == 3 {
				l.TOC = append(l.TOC, Heading{Level: n.Level, ID: string(idText), Text: plainText(n, src)})
			}
			linkHeading(n, string(idText))
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if n.Info == nil {
				return ast.WalkContinue, nil
			}
			info := string(n.Info.Segment.Value(src))
			words := strings.Fields(info)
			if len(words) < 2 || words[0] != "python" || words[1] != "run" {
				return ast.WalkContinue, nil
			}
			b := Block{Index: len(l.Blocks), Line: lines.of(n.Info.Segment.Start), Info: info}
			for _, w := range words[2:] {
				if w == "fails" {
					b.Fails = true
				}
			}
			var sb strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				sb.Write(seg.Value(src))
			}
			b.Source = sb.String()
			if strings.TrimSpace(b.Source) == "" {
				errs = append(errs, errAt(b.Line, "the python run block is empty"))
			}
			n.SetAttributeString(attrBlock, b.Index)
			n.SetAttributeString(attrSource, b.Source)
			if b.Fails {
				n.SetAttributeString(attrFails, true)
			}
			l.Blocks = append(l.Blocks, b)
		case *ast.Link:
			l.Links = append(l.Links, Link{Dest: string(n.Destination), Line: lines.of(inlineStart(n))})
		case *ast.Image:
			if e := sizeFigure(fsys, n); e != "" {
				errs = append(errs, errAt(lines.of(blockStart(n)), "%s", e))
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		errs = append(errs, errAt(1, "%v", err))
	}
	if len(errs) > 0 {
		return nil, fm, errs
	}

	var out bytes.Buffer
	if err := markdown.Renderer().Render(&out, src, doc); err != nil {
		return nil, fm, []*Error{errAt(1, "render: %v", err)}
	}
	l.HTML = template.HTML(out.String())
	return l, fm, nil
}

// closingLine returns the file line of the "---" that closes the front
// matter, or 0 when there is none. Without it the front matter extension
// would take the whole file as YAML.
func closingLine(src []byte) int {
	rest := src[bytes.IndexByte(src, '\n')+1:]
	for line := 2; len(rest) > 0; line++ {
		text := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if string(bytes.TrimRight(text, "\r")) == "---" {
			return line
		}
	}
	return 0
}

// linkHeading makes the heading's text a link to its own anchor, so readers
// can copy a link to any section. The heading's text stays the link's
// accessible name. A heading that already holds a link is left alone, since
// links cannot nest.
func linkHeading(h *ast.Heading, id string) {
	if id == "" {
		return
	}
	hasLink := false
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindLink || n.Kind() == ast.KindAutoLink) {
			hasLink = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if hasLink {
		return
	}
	a := ast.NewLink()
	a.Destination = []byte("#" + id)
	a.SetAttributeString("class", []byte("anchor"))
	for c := h.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.AppendChild(a, c)
		c = next
	}
	h.AppendChild(h, a)
}

// sizeFigure checks that a relative image reference names a file in fsys and
// gives the <img> its intrinsic width and height, so the browser reserves the
// space before the image arrives and the text does not jump. It returns a
// message for a missing or unreadable figure.
func sizeFigure(fsys fs.FS, img *ast.Image) string {
	dest := string(img.Destination)
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("image %q: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return "" // not one of the lesson folder's figures
	}
	name := path.Clean(u.Path)
	if !fs.ValidPath(name) || !strings.HasPrefix(name, "img/") {
		return fmt.Sprintf("image %q: figures live in the lesson folder's img/ directory; write img/NAME", dest)
	}
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("image %q: no such file in the lesson folder", dest)
	} else if err != nil {
		return fmt.Sprintf("image %q: %v", dest, err)
	}
	var width, height int
	if strings.HasSuffix(name, ".svg") {
		width, height = svgSize(data)
	} else if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		width, height = cfg.Width, cfg.Height
	} else {
		return fmt.Sprintf("image %q: not a GIF, JPEG, PNG or SVG image: %v", dest, err)
	}
	if width > 0 && height > 0 {
		img.SetAttributeString("width", []byte(strconv.Itoa(width)))
		img.SetAttributeString("height", []byte(strconv.Itoa(height)))
	}
	img.SetAttributeString("loading", []byte("lazy"))
	return ""
}

// svgSize reads the width and height of an SVG's root element, falling back
// to its viewBox. It returns zeros when it cannot tell.
func svgSize(data []byte) (width, height int) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return 0, 0
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var viewBox []string
		for _, a := range start.Attr {
			switch a.Name.Local {
			case "width":
				width = pixels(a.Value)
			case "height":
				height = pixels(a.Value)
			case "viewBox":
				viewBox = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (width == 0 || height == 0) && len(viewBox) == 4 {
			width, height = pixels(viewBox[2]), pixels(viewBox[3])
		}
		return width, height
	}
}

// pixels parses an SVG length such as "640" or "640px"; other units give 0.
func pixels(s string) int {
	f, err := strconv.ParseFloat(strings.TrimSuffix(s, "px"), 64)
	if err != nil || f <= 0 || f > 1e5 {
		return 0
	}
	return int(math.Round(f))
}

// plainText returns the text of n's inline children without markup, for the
// table of contents.
func plainText(n ast.Node, src []byte) string {
	var sb strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			sb.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				sb.WriteByte(' ')
			}
		case *ast.String:
			sb.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(sb.String())
}

// blockStart returns the source offset where n's nearest block starts, to
// give inline nodes a line number.
func blockStart(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// inlineStart is the source offset of an inline node such as a link: where
// its first text starts, or its block's start when it has no text.
func inlineStart(n ast.Node) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start < 0 {
		return blockStart(n)
	}
	return start
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int // offsets where lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range src {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) of(offset int) int {
	lo, hi := 0, len(idx)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if idx[mid] <= offset {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}
