// Command gen builds imagedb's table (table_gen.go) from the images' public
// build definitions.
//
//	go run ./imagedb/gen -src DIR [-out imagedb/table_gen.go] [-v]
//
// DIR holds one copy per upstream repository, either a bare git directory
// (DIR/<owner>+<name>/repo, as the fetch tool leaves it, or
// DIR/<owner>+<name>.git from `git clone --mirror`) or a work tree
// (DIR/<owner>/<name>). It reads docker-library/official-images (the
// library/ files map each tag to its repository, commit and directory) and
// every image repository those files name that DIR has (docker-library/*,
// nodejs/docker-node, nginx/docker-nginx, adoptium/containers, …), plus
// dotnet/dotnet-docker, devcontainers/images and devcontainers/features,
// and GoogleContainerTools/distroless. Missing repositories are skipped
// with a warning: their images are absent from the table, not guessed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/names"
)

func main() {
	src := flag.String("src", "", "directory of upstream repositories (required)")
	out := flag.String("out", "imagedb/table_gen.go", "output file")
	verbose := flag.Bool("v", false, "print every entry that could not be built")
	flag.Parse()
	if *src == "" {
		fmt.Fprintln(os.Stderr, "gen: -src is required")
		flag.Usage()
		os.Exit(2)
	}
	warnings := 0
	warn := func(format string, args ...any) {
		warnings++
		if *verbose {
			fmt.Fprintf(os.Stderr, "gen: "+format+"\n", args...)
		}
	}
	d := newDB(warn)
	used, err := load(d, *src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	em, stats := d.emit()
	header := "// Sources (repository commit):\n"
	for _, u := range used {
		header += "//   " + u + "\n"
	}
	b, err := em.source(header, d.aliases)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: format:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d repositories, %d entries built, %d failed, %d records, %d bytes; %d warnings\n",
		*out, len(em.repos), stats.built, stats.failed, len(em.recs), len(b), warnings)
}

// rootImages are official images whose library entries import a root
// filesystem (no Dockerfile to read): their facts are seeds.
var rootImages = map[string]bool{
	"alpine": true, "debian": true, "ubuntu": true, "busybox": true, "fedora": true, "oraclelinux": true,
	"amazonlinux": true, "rockylinux": true, "almalinux": true, "archlinux": true, "photon": true,
}

// defaultChanged are images whose default variant moved to another
// distribution over the years (openjdk and mysql from Debian to Oracle
// Linux): a tag that names no variant (openjdk:11) cannot be told from the
// current ones, so only published tags and patterns that name a variant
// are kept.
var defaultChanged = map[string]bool{"openjdk": true, "mysql": true}

// namesVariant reports whether a pattern names a distribution or variant
// rather than only a version.
func namesVariant(key string) bool {
	for _, tok := range strings.Split(key, "-") {
		if tok != "{v}" && tok != "{n}" && tok != "{date}" && tok != "latest" {
			return true
		}
	}
	return false
}

// extraWords are version words the current tags no longer show.
var extraWords = map[string][]string{
	"node": {"argon", "boron", "carbon", "dubnium", "erbium", "fermium", "gallium", "hydrogen", "iron", "jod", "krypton", "lts", "current"},
}

// load adds every entry the sources describe and returns the sources used.
func load(d *db, dir string) ([]string, error) {
	var used []string
	sources := map[string]*source{}
	open := func(name string) *source {
		if s, ok := sources[name]; ok {
			return s
		}
		s := openSource(dir, name)
		sources[name] = s
		if s != nil {
			used = append(used, name+" "+s.head)
		}
		return s
	}
	lib := open("docker-library/official-images")
	if lib == nil {
		return nil, fmt.Errorf("%s has no docker-library/official-images", dir)
	}
	files, err := lib.list("library")
	if err != nil {
		return nil, err
	}
	missing := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(file, "/")
		data, _, err := lib.read("", path.Join("library", name))
		if err != nil {
			return nil, err
		}
		entries := parseLibrary(data)
		if r := d.repos[name]; r == nil && len(extraWords[name]) > 0 {
			d.repos[name] = &repoData{name: name, extra: extraWords[name]}
		}
		for _, le := range entries {
			e := &entry{repo: name, tags: le.Tags}
			switch {
			case rootImages[name]:
				e.seed = rootSeed(name, le)
			case le.GitRepo == "" || le.Builder == "oci-import":
				continue
			default:
				s := open(le.GitRepo)
				if s == nil {
					if !missing[le.GitRepo] {
						missing[le.GitRepo] = true
						d.warn("%s: no copy of %s", name, le.GitRepo)
					}
					continue
				}
				os := ""
				if le.isWindows() {
					os = "windows"
				}
				e.dockerfile = &dockerfileRef{src: s, commit: le.GitCommit, path: path.Join(le.Directory, le.File),
					hint: le.Directory, osHint: os}
			}
			if e.seed == nil && e.dockerfile == nil {
				continue
			}
			d.add(e)
		}
	}
	extraRoots(d)
	windowsRoots(d)
	// Other registries' copies of official images.
	d.alias("ubuntu.azurecr.io/ubuntu", "ubuntu")
	d.alias("public.ecr.aws/ubuntu/ubuntu", "ubuntu")
	d.alias("public.ecr.aws/debian/debian", "debian")
	d.alias("public.ecr.aws/amazonlinux/amazonlinux", "amazonlinux")
	d.alias("registry.fedoraproject.org/fedora", "fedora")
	loadDistroless(d, open("GoogleContainerTools/distroless"))
	if s := open("dotnet/dotnet-docker"); s != nil {
		if err := loadDotnet(d, s); err != nil {
			return nil, fmt.Errorf("dotnet-docker: %v", err)
		}
	} else {
		d.warn("no copy of dotnet/dotnet-docker")
	}
	if s := open("devcontainers/images"); s != nil {
		if err := loadDevcontainers(d, s, open("devcontainers/features")); err != nil {
			return nil, fmt.Errorf("devcontainers: %v", err)
		}
	} else {
		d.warn("no copy of devcontainers/images")
	}
	sort.Strings(used)
	return used, nil
}

type emitStats struct{ built, failed int }

// emit builds every entry and lays out the table: per repository, each
// published tag to its entry's record, and each tag pattern to the record of
// its best entry, where the entries of a pattern agree on the core facts.
func (d *db) emit() (*emitter, emitStats) {
	var st emitStats
	var repoNames []string
	for n := range d.repos {
		repoNames = append(repoNames, n)
	}
	sort.Strings(repoNames)
	for _, n := range repoNames {
		for _, e := range d.repos[n].entries {
			if _, err := d.build(e); err != nil {
				st.failed++
				d.warn("%v", err)
			} else {
				st.built++
			}
		}
	}
	for _, n := range repoNames {
		d.repos[n].markVaries()
	}
	em := &emitter{index: map[string]int{}, envIndex: map[string]int{}}
	for _, n := range repoNames {
		r := d.repos[n]
		out := repoOut{name: n}
		for w := range r.words {
			out.words = append(out.words, w)
		}
		if r.words == nil {
			r.key("")
			for w := range r.words {
				out.words = append(out.words, w)
			}
		}
		sort.Strings(out.words)
		seen := map[string]bool{}
		keys := map[string]bool{}
		for _, e := range r.entries {
			if e.resolved == nil {
				continue
			}
			for _, t := range e.tags {
				keys[r.key(t)] = true
				if t == anyTag || seen[t] {
					continue
				}
				if best := r.exact(t); best != e && best.resolved != nil {
					continue
				}
				seen[t] = true
				rec := record{repo: n, exact: true, f: e.resolved}
				if e.approximate() {
					rec = record{repo: n, pattern: r.key(t), f: e.resolved}
				}
				out.tags = append(out.tags, tagRef{t, em.add(rec)})
			}
		}
		for _, k := range sortedKeys(keys) {
			if defaultChanged[n] && !namesVariant(k) {
				continue
			}
			cands := built(r.byKey(k))
			if len(cands) == 0 {
				continue
			}
			if !cands[0].windows() {
				cands = linuxOnly(cands)
			}
			if agree(cands) {
				out.keys = append(out.keys, tagRef{k, em.add(record{repo: n, pattern: k, f: cands[0].resolved})})
				continue
			}
			// Split by major version (.NET 8 on Debian, .NET 10 on Ubuntu).
			byMajor := map[string][]*entry{}
			for _, c := range cands {
				for _, t := range c.tags {
					if r.key(t) == k {
						if m := names.Major(t); m != "" && !slices.Contains(byMajor[m], c) {
							byMajor[m] = append(byMajor[m], c)
						}
					}
				}
			}
			for _, m := range sortedKeys(byMajor) {
				group := byMajor[m]
				mk, ok := names.WithMajor(nil, k, m)
				if !ok {
					continue
				}
				if !agree(group) {
					d.warn("%s: pattern %s covers different images; left out", n, mk)
					continue
				}
				out.keys = append(out.keys, tagRef{string(mk), em.add(record{repo: n, pattern: string(mk), f: group[0].resolved})})
			}
		}
		if len(out.tags)+len(out.keys) > 0 {
			em.repos = append(em.repos, out)
		}
	}
	return em, st
}

// agree reports whether entries share the core facts (OS, distribution,
// package managers, shells, user tools).
func agree(es []*entry) bool {
	for _, e := range es[1:] {
		if e.resolved.core() != es[0].resolved.core() {
			return false
		}
	}
	return true
}

func built(es []*entry) []*entry {
	var out []*entry
	for _, e := range es {
		if e.resolved != nil {
			out = append(out, e)
		}
	}
	return out
}

func linuxOnly(es []*entry) []*entry {
	var out []*entry
	for _, e := range es {
		if !e.windows() {
			out = append(out, e)
		}
	}
	return out
}

func sortTags(tags []string) { sort.Strings(tags) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
