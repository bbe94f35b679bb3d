package python

import "strings"

// shutil over the workspace: copy, copyfile, copy2, move, rmtree.

func initShutil(t *Thread, m *Module) error {
	two := func(fname string, args Args) (string, string, error) {
		if len(args.Pos) < 2 {
			return "", "", Errorf(TypeErrorClass, "%s() missing required arguments 'src' and 'dst'", fname)
		}
		src, err := pathArg(fname, args.Pos[0])
		if err != nil {
			return "", "", err
		}
		dst, err := pathArg(fname, args.Pos[1])
		return src, dst, err
	}
	cp := func(fname string) func(t *Thread, args Args) (Value, error) {
		return func(t *Thread, args Args) (Value, error) {
			src, dst, err := two(fname, args)
			if err != nil {
				return nil, err
			}
			data, err := t.ws.ReadFile(src)
			if err != nil {
				return nil, err
			}
			if fname != "copyfile" && t.ws.IsDir(dst) {
				dst = strings.TrimSuffix(dst, "/") + "/" + src[strings.LastIndexByte(src, '/')+1:]
			}
			if err := t.Alloc(int64(len(data))); err != nil {
				return nil, err
			}
			if err := t.ws.WriteFile(dst, data); err != nil {
				return nil, err
			}
			return Str(dst), nil
		}
	}
	setFunc(m, "copy", cp("copy"))
	setFunc(m, "copy2", cp("copy2"))
	setFunc(m, "copyfile", cp("copyfile"))
	setFunc(m, "move", func(t *Thread, args Args) (Value, error) {
		src, dst, err := two("move", args)
		if err != nil {
			return nil, err
		}
		if t.ws.IsDir(dst) {
			dst = strings.TrimSuffix(dst, "/") + "/" + src[strings.LastIndexByte(src, '/')+1:]
		}
		return Str(dst), t.ws.Rename(src, dst)
	})
	setFunc(m, "rmtree", func(t *Thread, args Args) (Value, error) {
		var p Value
		ignore := false
		if err := UnpackArgs("rmtree", args, "path", &p, "ignore_errors?", &ignore, "onerror?", new(Value)); err != nil {
			return nil, err
		}
		dir, err := pathArg("rmtree", p)
		if err != nil {
			return nil, err
		}
		if !t.ws.IsDir(dir) {
			if ignore {
				return None, nil
			}
			if t.ws.IsFile(dir) {
				return nil, OSError(NotADirectoryErrorClass, 20, "Not a directory", dir)
			}
			return nil, FileNotFound(dir)
		}
		t.ws.RemoveTree(dir)
		return None, nil
	})
	return nil
}

// RemoveTree deletes a directory and everything under it.
func (w *Workspace) RemoveTree(name string) {
	n := cleanPath(name)
	for p := range w.files {
		if p == n || strings.HasPrefix(p, n+"/") {
			delete(w.files, p)
		}
	}
	for p := range w.dirs {
		if p == n || strings.HasPrefix(p, n+"/") {
			delete(w.dirs, p)
		}
	}
}
