package registry

import (
	"slices"
	"sort"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

// Facts returns what is known of image ref for analysis: the registry's
// config (when it has answered) over the offline table's record, so the
// config's user, workdir, entrypoint, cmd, ports, volumes and ENV take
// precedence while what is installed (distribution, package managers,
// shells) stays the table's. An image the table does not know gets a record
// with ConfigOnly set. Before the registry answers it is imagedb.Lookup; it
// never waits. Its signature is analysis.ImageSource's.
func (c *Client) Facts(ref string) (*imagedb.Image, bool) {
	offline, found := imagedb.Lookup(ref)
	if strings.Contains(ref, "$") {
		return offline, found
	}
	im, ok := c.Image(ref)
	if !ok {
		return offline, found
	}
	repo := ""
	if r, err := c.reference(ref); err == nil {
		repo = r.Context().Name()
	}
	return layer(offline, found, im, repo)
}

// layer puts the registry's config of im over the table's record offline
// (found false: the table has none; repo names the new record).
func layer(offline *imagedb.Image, found bool, im *Image, repo string) (*imagedb.Image, bool) {
	p := im.defaultPlatform()
	if p.File == nil {
		return offline, found
	}
	var out imagedb.Image
	if found {
		out = *offline
	} else {
		out = imagedb.Image{Repository: repo, ConfigOnly: true}
	}
	cfg := p.File.Config
	out.Exact = true
	out.OS = imagedb.Linux
	if strings.EqualFold(p.OS, "windows") {
		out.OS = imagedb.Windows
	}
	out.User, out.WorkDir = cfg.User, cfg.WorkingDir
	out.Entrypoint, out.Cmd = slices.Clone(cfg.Entrypoint), slices.Clone(cfg.Cmd)
	out.Expose, out.Volumes = sortedKeys(cfg.ExposedPorts), sortedKeys(cfg.Volumes)
	if len(cfg.Shell) > 0 && found && offline.Shell != nil {
		out.Shell = slices.Clone(cfg.Shell)
	}
	out.Env = nil
	for _, kv := range cfg.Env {
		k, v, _ := strings.Cut(kv, "=")
		out.Env = append(out.Env, imagedb.Env{Name: k, Value: v})
	}
	if found {
		// Variables the OS provides (Windows' ProgramFiles…) are in no config.
		for _, e := range offline.Env {
			if e.FromOS {
				out.Env = append(out.Env, e)
			}
		}
	}
	out.Source = "registry " + im.Ref + "@" + im.Digest
	return &out, true
}

// defaultPlatform is the platform whose config facts describe: linux/amd64
// when the image has it (what most builds use), else the first listed.
func (im *Image) defaultPlatform() Platform {
	if p, ok := im.ForPlatform("linux", "amd64", ""); ok {
		return p
	}
	if len(im.Platforms) == 0 {
		return Platform{}
	}
	return im.Platforms[0]
}

func sortedKeys(m map[string]struct{}) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
