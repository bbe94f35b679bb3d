package python

import (
	"maps"
	"path"
	"sort"
	"strings"
	"sync"
)

// Workspace is the run's file system: an in-memory set of files the caller
// passes in and gets back. Learner code reaches it through os, open and
// torch.save/torch.load; it never touches the host's files.
type Workspace struct {
	files map[string][]byte // made on the first file (most runs start with none)
	// filesTaken is set when TakeFiles handed files to a caller: a later
	// change goes to a copy (ownFiles).
	filesTaken bool
	dirs       map[string]bool // made on the first directory
	// virtual files are visible to the program but not part of the
	// workspace the caller gets back: the script itself, main.py, which a
	// real run finds in its directory. There are one or two, so a scan
	// finds one and costs no map.
	virtual    []virtualFile
	virtualBuf [1]virtualFile // room for main.py
	// locals is state Go modules keep for every thread that works on
	// this workspace (SetLocal); localsBuf is room for the first two.
	locals    localVars
	localsBuf [2]localVar
	// inKit marks the workspace of a Kit, which its Release gives back.
	inKit bool
}

// virtualFile is one of a workspace's virtual files. It keeps the text it
// was given (the program's source) and makes bytes of it only for a
// program that reads it, which few do.
type virtualFile struct {
	name string
	text string
}

// virtualFile returns the index of the virtual file n (a clean path), -1
// if there is none.
func (w *Workspace) virtualFile(n string) int {
	for i := range w.virtual {
		if w.virtual[i].name == n {
			return i
		}
	}
	return -1
}

// removeVirtual removes the virtual file n (a clean path), reporting
// whether there was one.
func (w *Workspace) removeVirtual(n string) bool {
	i := w.virtualFile(n)
	if i < 0 {
		return false
	}
	w.virtual = append(w.virtual[:i], w.virtual[i+1:]...)
	return true
}

// Local returns a value stored under key by SetLocal (nil if none). The
// threads of a session (one per block) share their workspace, so a Go
// module keeps here what must outlive one block, such as torch's random
// generator; it goes when the workspace does.
func (w *Workspace) Local(key string) any { return w.locals.get(key) }

// SetLocal stores state shared by the threads working on the workspace.
func (w *Workspace) SetLocal(key string, v any) {
	if w.locals == nil {
		w.locals = w.localsBuf[:0]
	}
	w.locals.set(key, v)
}

// SetVirtual makes a read-only file holding text visible to the program
// (listed, read, removable) without adding it to Files.
func (w *Workspace) SetVirtual(name string, text string) {
	n := cleanPath(name)
	if i := w.virtualFile(n); i >= 0 {
		w.virtual[i].text = text
		return
	}
	if w.virtual == nil {
		w.virtual = w.virtualBuf[:0]
	}
	w.virtual = append(w.virtual, virtualFile{n, text})
}

// NewWorkspace returns a workspace holding a copy of files (names are
// slash-separated, relative).
func NewWorkspace(files map[string][]byte) *Workspace {
	w := workspaces.Get().(*Workspace) // empty: new, or cleared by Release
	w.addFiles(files)
	return w
}

// addFiles adds a copy of files to the workspace.
func (w *Workspace) addFiles(files map[string][]byte) {
	for name, data := range files {
		n := cleanPath(name)
		w.setFile(n, append([]byte(nil), data...))
		for d := path.Dir(n); d != "." && d != "/"; d = path.Dir(d) {
			w.setDir(d)
		}
	}
}

// workspaces are workspaces given back by Release, cleared, for
// NewWorkspace to reuse.
var workspaces = sync.Pool{New: func() any { return new(Workspace) }}

// Release clears the workspace and gives it back for a later NewWorkspace
// to reuse. Call it only when nothing will use the workspace again: after
// TakeFiles, once the run's threads are done with it.
func (w *Workspace) Release() {
	if w.inKit {
		return // the kit's Release clears it
	}
	w.releaseLocals()
	*w = Workspace{}
	workspaces.Put(w)
}

// releaseLocals tells the locals that want to know (LocalReleaser) that
// the workspace is released.
func (w *Workspace) releaseLocals() {
	for _, l := range w.locals {
		if r, ok := l.v.(LocalReleaser); ok {
			r.ReleaseLocal()
		}
	}
}

func (w *Workspace) setFile(n string, data []byte) {
	w.ownFiles()
	if w.files == nil {
		w.files = map[string][]byte{}
	}
	w.files[n] = data
}

func (w *Workspace) setDir(n string) {
	if w.dirs == nil {
		w.dirs = map[string]bool{}
	}
	w.dirs[n] = true
}

// cleanPath maps a learner's path to the workspace key: "./a//b" -> "a/b".
func cleanPath(name string) string {
	if isCleanPath(name) {
		return name // most names, such as "checkpoint.pth"
	}
	n := path.Clean(strings.ReplaceAll(name, "\\", "/"))
	n = strings.TrimPrefix(n, "/")
	if n == "" {
		n = "."
	}
	return n
}

// isCleanPath reports whether name is its own workspace key: relative,
// slash-separated, each element neither empty, "." nor "..".
func isCleanPath(name string) bool {
	if strings.IndexByte(name, '\\') >= 0 {
		return false
	}
	for {
		i := strings.IndexByte(name, '/')
		if i < 0 {
			return name != "" && name != "." && name != ".."
		}
		if elem := name[:i]; elem == "" || elem == "." || elem == ".." {
			return false
		}
		name = name[i+1:]
	}
}

// Files returns a copy of every file in the workspace.
func (w *Workspace) Files() map[string][]byte {
	out := make(map[string][]byte, len(w.files))
	for k, v := range w.files {
		out[k] = append([]byte(nil), v...)
	}
	return out
}

// SharedFiles is Files without the copies: the map is new, the bytes are
// the workspace's. A workspace never changes a file's bytes in place (a
// write replaces them), so they stay as they are for a caller that only
// reads them; each slice's capacity ends at its length, so an append
// copies.
func (w *Workspace) SharedFiles() map[string][]byte {
	out := make(map[string][]byte, len(w.files))
	for k, v := range w.files {
		out[k] = v[:len(v):len(v)]
	}
	return out
}

// TakeFiles returns the workspace's own map of files, saving the map
// SharedFiles would make, for a caller about to be done with the
// workspace. The taken map stays as it is: a later change to the
// workspace's files goes to a copy.
func (w *Workspace) TakeFiles() map[string][]byte {
	if w.files == nil {
		return map[string][]byte{}
	}
	w.filesTaken = true
	return w.files
}

// ownFiles makes the map of files the workspace's own again, a copy,
// after TakeFiles gave it away.
func (w *Workspace) ownFiles() {
	if w.filesTaken {
		w.files = maps.Clone(w.files)
		w.filesTaken = false
	}
}

// ReadFile returns a file's contents, or FileNotFoundError / IsADirectoryError.
func (w *Workspace) ReadFile(name string) ([]byte, error) {
	n := cleanPath(name)
	if data, ok := w.files[n]; ok {
		return data, nil
	}
	if i := w.virtualFile(n); i >= 0 {
		return []byte(w.virtual[i].text), nil
	}
	if w.IsDir(name) {
		return nil, OSError(IsADirectoryErrorClass, 21, "Is a directory", name)
	}
	return nil, FileNotFound(name)
}

// WriteFile creates or replaces a file with a copy of data. Its directory
// must exist.
func (w *Workspace) WriteFile(name string, data []byte) error {
	return w.put(name, data, true)
}

// PutFile is WriteFile without the copy: the workspace keeps data, which
// the caller must never change again (a file made for the purpose, like
// the bytes torch.save encodes).
func (w *Workspace) PutFile(name string, data []byte) error {
	return w.put(name, data, false)
}

func (w *Workspace) put(name string, data []byte, copyData bool) error {
	n := cleanPath(name)
	if n == "." || w.dirs[n] {
		return OSError(IsADirectoryErrorClass, 21, "Is a directory", name)
	}
	if d := path.Dir(n); d != "." && !w.dirs[d] {
		return FileNotFound(name)
	}
	w.removeVirtual(n)
	if copyData {
		data = append([]byte(nil), data...)
	} else {
		data = data[:len(data):len(data)]
	}
	w.setFile(n, data)
	return nil
}

// Exists reports whether a file or directory exists.
func (w *Workspace) Exists(name string) bool {
	return w.IsFile(name) || w.IsDir(name)
}

// IsFile reports whether name is a file.
func (w *Workspace) IsFile(name string) bool {
	n := cleanPath(name)
	_, ok := w.files[n]
	return ok || w.virtualFile(n) >= 0
}

// IsDir reports whether name is a directory (the root always is).
func (w *Workspace) IsDir(name string) bool {
	n := cleanPath(name)
	return n == "." || w.dirs[n]
}

// Remove deletes a file.
func (w *Workspace) Remove(name string) error {
	n := cleanPath(name)
	if w.removeVirtual(n) {
		return nil
	}
	if _, ok := w.files[n]; !ok {
		if w.IsDir(name) {
			return OSError(IsADirectoryErrorClass, 21, "Is a directory", name)
		}
		return FileNotFound(name)
	}
	w.ownFiles()
	delete(w.files, n)
	return nil
}

// Rename moves a file, replacing any file at the destination.
func (w *Workspace) Rename(from, to string) error {
	f, t := cleanPath(from), cleanPath(to)
	data, ok := w.files[f]
	if i := w.virtualFile(f); !ok && i >= 0 {
		data, ok = []byte(w.virtual[i].text), true
		w.removeVirtual(f)
	}
	if !ok {
		e := FileNotFound(from)
		e.dict.SetStr("filename2", Str(to))
		return e
	}
	if d := path.Dir(t); d != "." && !w.dirs[d] {
		return FileNotFound(from)
	}
	w.ownFiles()
	delete(w.files, f)
	w.setFile(t, data)
	return nil
}

// Mkdir creates a directory (and, with parents, its missing parents).
func (w *Workspace) Mkdir(name string, parents, existOK bool) error {
	n := cleanPath(name)
	if w.IsDir(name) || w.IsFile(name) {
		if existOK && w.IsDir(name) {
			return nil
		}
		return OSError(FileExistsErrorClass, 17, "File exists", name)
	}
	if d := path.Dir(n); d != "." && !w.dirs[d] {
		if !parents {
			return FileNotFound(name)
		}
		if err := w.Mkdir(d, true, true); err != nil {
			return err
		}
	}
	w.setDir(n)
	return nil
}

// List returns the names directly inside a directory, sorted.
func (w *Workspace) List(name string) ([]string, error) {
	n := cleanPath(name)
	if !w.IsDir(name) {
		if w.IsFile(name) {
			return nil, OSError(NotADirectoryErrorClass, 20, "Not a directory", name)
		}
		return nil, FileNotFound(name)
	}
	seen := map[string]bool{}
	add := func(p string) {
		rel := p
		if n != "." {
			if !strings.HasPrefix(p, n+"/") {
				return
			}
			rel = p[len(n)+1:]
		}
		if i := strings.IndexByte(rel, '/'); i >= 0 {
			rel = rel[:i]
		}
		seen[rel] = true
	}
	for p := range w.files {
		add(p)
	}
	for _, v := range w.virtual {
		add(v.name)
	}
	for p := range w.dirs {
		add(p)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out, nil
}

// Size returns a file's length in bytes.
func (w *Workspace) Size(name string) (int64, error) {
	data, err := w.ReadFile(name)
	if err != nil {
		return 0, err
	}
	return int64(len(data)), nil
}
