package python

import (
	"context"
	"io"
	"sync"
)

// A Kit is a workspace, a __main__ module and room for one thread,
// allocated together and reused together: a caller that runs programs in
// one namespace and is done with all three at once (sim.Run) takes one
// from a pool instead of one of each from three.
type Kit struct {
	ws         Workspace
	main       sharedModule
	thread     Thread
	threadMade bool
}

// kits are kits given back by Release, cleared, for NewKit to reuse.
var kits = sync.Pool{New: func() any {
	k := new(Kit)
	k.main.m.dict = &k.main.d
	k.ws.inKit, k.thread.inKit = true, true
	return k
}}

// NewKit returns a kit whose workspace holds a copy of files (as
// NewWorkspace's) and whose module is a new __main__ (as NewMainModule's).
func NewKit(files map[string][]byte) *Kit {
	k := kits.Get().(*Kit)
	k.ws.addFiles(files)
	initMainModule(&k.main.m)
	return k
}

// Workspace returns the kit's workspace.
func (k *Kit) Workspace() *Workspace { return &k.ws }

// Main returns the kit's __main__ module.
func (k *Kit) Main() *Module { return &k.main.m }

// NewThread is NewThread(ctx, stdout, stderr, k.Workspace(), limits) made
// in the kit's room for a thread. Call it at most once per kit; other
// threads on the kit's workspace come from NewThread. Releasing the
// thread leaves it to the kit's Release.
func (k *Kit) NewThread(ctx context.Context, stdout, stderr io.Writer, limits Limits) *Thread {
	if k.threadMade {
		panic("python: a Kit's NewThread called twice")
	}
	k.threadMade = true
	k.thread.init(ctx, stdout, stderr, &k.ws, limits)
	return &k.thread
}

// Release empties the kit's thread, workspace and module and gives the
// kit back for a later NewKit to reuse. Call it only when nothing will use
// any of them, or anything made in them, again: as ReleaseMainModule and
// Thread.Release ask. The thread's and the workspace's own Release leave
// them to the kit's; ReleaseMainModule must not be called on its module.
func (k *Kit) Release() {
	if k.threadMade {
		k.thread.clear()
		k.thread.inKit = true
		k.threadMade = false
	}
	k.ws.releaseLocals()
	k.ws = Workspace{inKit: true}
	k.main.m.Name = ""
	k.main.d.recycle()
	kits.Put(k)
}
