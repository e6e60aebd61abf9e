package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"tandem/model"
)

// pairView is the open pair: its columns, one per language of the site,
// and what the user said while it was open. It holds no pair of its own:
// the pair shown is the one the columns' posts belong to in the model
// (which follows renames and outside changes), so it never goes stale.
type pairView struct {
	columns []*column
	split   *container.Split // nil with one language
	box     fyne.CanvasObject
	// follow is, per shared field, what the user answered when asked
	// whether an edit goes to a post with its own value too.
	follow map[string]model.Follow
	// checks are the pair's translation checks and typography, with the
	// structure map between the columns.
	checks *checks
}

// newPairView builds the columns of pr's posts side by side.
func newPairView(e *Editor, pr *model.Pair) *pairView {
	v := &pairView{follow: map[string]model.Follow{}}
	var objs []fyne.CanvasObject
	for _, l := range e.ws.Model.Languages {
		c := newColumn(e, v, pr, l)
		v.columns = append(v.columns, c)
		objs = append(objs, c.box)
	}
	v.checks = newChecks(e, v)
	v.box = objs[0]
	if len(objs) > 1 {
		v.split = container.NewHSplit(objs[0], container.NewBorder(nil, nil, v.checks.sm, nil, objs[1]))
		v.split.SetOffset(prefColSplit.get(e.app))
		v.box = v.split
	}
	return v
}

// Pair is the pair the view shows: its posts' pair in the model.
func (v *pairView) Pair() *model.Pair {
	for _, c := range v.columns {
		if c.post != nil {
			return c.post.Pair
		}
	}
	return nil
}

// stop ends the columns' background work (pending preview renders).
func (v *pairView) stop() {
	for _, c := range v.columns {
		if c.live != nil {
			c.live.Stop()
		}
	}
	if v.checks != nil {
		v.checks.stop()
	}
}
