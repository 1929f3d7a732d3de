package analysis

import (
	"path"
	"strings"

	"github.com/moby/patternmatcher"
)

// completePaths lists build-context entries for COPY/ADD sources, without
// those .dockerignore excludes; directories end in '/'.
func (d *Document) completePaths(word string, wordStart, off int, opts CompletionOptions) []CompletionItem {
	fsys, ok := opts.Env.(ContextFS)
	if !ok || strings.Contains(word, "$") || strings.Contains(word, "://") {
		return nil
	}
	dir, prefixStart := "", wordStart
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		dir, prefixStart = word[:i+1], wordStart+i+1
	}
	var pm *patternmatcher.PatternMatcher
	if patterns := opts.Env.DockerIgnore(); len(patterns) > 0 {
		pm, _ = patternmatcher.New(patterns)
	}
	var out []CompletionItem
	for _, e := range fsys.ListDir(strings.TrimPrefix(dir, "./")) {
		rel := path.Clean(strings.TrimPrefix(dir, "./") + e.Name)
		if pm != nil {
			if ok, _ := pm.MatchesOrParentMatches(rel); ok {
				continue
			}
		}
		item := CompletionItem{Label: e.Name, Kind: ItemFile, Replace: Span{prefixStart, off}, Insert: e.Name, Sort: "2" + e.Name}
		if e.IsDir {
			item.Label += "/"
			item.Insert += "/"
			item.Kind = ItemFolder
			item.Sort = "1" + e.Name
			item.Retrigger = true
		}
		out = append(out, item)
	}
	return out
}
