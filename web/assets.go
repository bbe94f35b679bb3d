package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

//go:embed static
var staticFiles embed.FS

// An asset is one file served under /static/ at a URL that contains a hash of
// its content, so it can be cached forever: a new version gets a new URL.
type asset struct {
	name        string // path under static/, e.g. "vendor/htmx.min.js"
	url         string // /static/vendor/htmx.min.1a2b3c4d5e6f.js
	contentType string
	body        []byte
	gzipped     []byte // nil when compression does not pay
	etag        string
}

// assetSet holds every static asset, by name and by URL.
type assetSet struct {
	byName map[string]*asset
	byURL  map[string]*asset
}

// assets is built once, on first use: the embedded files are fixed at build
// time, so hashing and compressing them once serves every request.
var assets = sync.OnceValues(loadAssets)

// chromaCSSName is the generated stylesheet for highlighted code.
const chromaCSSName = "chroma.css"

func loadAssets() (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		return set.add(strings.TrimPrefix(p, "static/"), body)
	})
	if err != nil {
		return nil, fmt.Errorf("load static assets: %w", err)
	}
	css, err := chromaCSS()
	if err != nil {
		return nil, err
	}
	if err := set.add(chromaCSSName, css); err != nil {
		return nil, err
	}
	return set, nil
}

func (set *assetSet) add(name string, body []byte) error {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:6])
	ext := path.Ext(name)
	a := &asset{
		name:        name,
		url:         "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext,
		contentType: mime.TypeByExtension(ext),
		body:        body,
		etag:        `"` + hash + `"`,
	}
	if a.contentType == "" {
		a.contentType = "application/octet-stream"
	}
	if compressible(a.contentType) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := zw.Write(body); err != nil {
			return fmt.Errorf("compress %s: %w", name, err)
		}
		if err := zw.Close(); err != nil {
			return fmt.Errorf("compress %s: %w", name, err)
		}
		if buf.Len() < len(body) {
			a.gzipped = buf.Bytes()
		}
	}
	set.byName[name] = a
	set.byURL[a.url] = a
	return nil
}

// compressible lists the types worth gzipping; images other than SVG are
// compressed already.
func compressible(contentType string) bool {
	for _, t := range compressedTypes {
		if strings.HasPrefix(contentType, t) {
			return true
		}
	}
	return false
}

var compressedTypes = []string{"text/html", "text/css", "text/plain", "text/javascript", "application/javascript", "application/json", "image/svg+xml"}

// assetURL returns the content-hashed URL of a static asset, such as
// assetURL("style.css"). A name with no asset gives a URL that answers 404,
// which the handler tests catch.
func assetURL(name string) string {
	set, err := assets()
	if err != nil {
		return "/static/" + name
	}
	if a, ok := set.byName[name]; ok {
		return a.url
	}
	return "/static/" + name
}

// serveAsset writes an asset with the headers that let browsers and proxies
// keep it forever.
func serveAsset(w http.ResponseWriter, r *http.Request, a *asset) {
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.etag)
	h.Add("Vary", "Accept-Encoding")
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.body
	if a.gzipped != nil && acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = a.gzipped
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(coding) == "gzip" && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// Code highlighting styles: GitHub's, light and dark, as chroma ships them,
// except where a token's colour falls short of WCAG AA contrast (4.5:1)
// against the code background (TestChromaContrast checks every token).
func codeStyles() (light, dark *chroma.Style, err error) {
	light, err = styles.Get("github").Builder().
		Add(chroma.NameBuiltinPseudo, "#57606a"). // was #6a737d, 4.49:1
		Build()
	if err != nil {
		return nil, nil, fmt.Errorf("code style: %w", err)
	}
	return light, styles.Get("github-dark"), nil
}

// chromaCSS writes the CSS for chroma's classes in both themes. The page
// uses the light theme unless the system prefers dark, and the theme toggle
// overrides either by setting data-theme="light" or "dark" on <html>.
func chromaCSS() ([]byte, error) {
	light, dark, err := codeStyles()
	if err != nil {
		return nil, err
	}
	f := chromahtml.New(chromahtml.WithClasses(true))
	var lightCSS, darkCSS bytes.Buffer
	if err := f.WriteCSS(&lightCSS, light); err != nil {
		return nil, fmt.Errorf("code style css: %w", err)
	}
	if err := f.WriteCSS(&darkCSS, dark); err != nil {
		return nil, fmt.Errorf("code style css: %w", err)
	}
	var out bytes.Buffer
	out.WriteString("/* Generated by package web from chroma's github and github-dark styles. */\n")
	scope(&out, lightCSS.Bytes(), `:root[data-theme="light"]`)
	out.WriteString("@media (prefers-color-scheme: light) {\n")
	scope(&out, lightCSS.Bytes(), `:root:not([data-theme="dark"])`)
	out.WriteString("}\n")
	scope(&out, darkCSS.Bytes(), `:root[data-theme="dark"]`)
	out.WriteString("@media (prefers-color-scheme: dark) {\n")
	scope(&out, darkCSS.Bytes(), `:root:not([data-theme="light"])`)
	out.WriteString("}\n")
	return out.Bytes(), nil
}

// scope copies chroma's CSS, one "/* Name */ selector { ... }" rule a line,
// with each selector prefixed by root, so light and dark rules never mix.
func scope(out *bytes.Buffer, css []byte, root string) {
	sc := bufio.NewScanner(bytes.NewReader(css))
	for sc.Scan() {
		line := sc.Text()
		if _, rest, ok := strings.Cut(line, "*/ "); ok {
			line = rest
		}
		if !strings.Contains(line, "{") {
			continue
		}
		out.WriteString(root + " " + strings.TrimSpace(line) + "\n")
	}
}
