package lessons_test

import (
	"fmt"
	"testing/fstest"

	"github.com/ckptlab/ckptlab/lessons"
)

// Load a course folder and use what it found: lessons in order, their
// runnable blocks with file lines, and each broken file as path:line errors.
func ExampleLoad() {
	course, err := lessons.Load(fstest.MapFS{
		"01-intro.md":  {Data: []byte("---\ntitle: Intro\nslug: intro\norder: 1\nsummary: First.\nminutes: 5\n---\n\n## Save\n\n```python run\nimport torch\nprint(torch.ones(2))\n```\n\n```python run fails\ntorch.load('missing.pt')\n```\n")},
		"02-broken.md": {Data: []byte("---\ntitle: Broken\nslug: broken\norder: soon\nsummary: Second.\nminutes: 5\n---\n")},
	}, "course/lessons")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range course.Lessons {
		fmt.Printf("%d %s /lessons/%s, sections %d\n", l.Order, l.Title, l.Slug, len(l.TOC))
		for _, b := range l.Blocks {
			fmt.Printf("  block %d at %s:%d, fails=%t, %d bytes\n", b.Index, l.Path, b.Line, b.Fails, len(b.Source))
		}
	}
	for _, e := range course.Errors {
		fmt.Println(e)
	}
	// Output:
	// 1 Intro /lessons/intro, sections 1
	//   block 0 at course/lessons/01-intro.md:11, fails=false, 34 bytes
	//   block 1 at course/lessons/01-intro.md:16, fails=true, 25 bytes
	// course/lessons/02-broken.md:4: front matter: order: want a whole number from 1, got "soon"
}
