package main

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

// devcontainers/images: src/<image>/manifest.json lists the variants and
// tag templates, .devcontainer/Dockerfile builds each variant (ARG VARIANT),
// and .devcontainer/devcontainer.json names the features installed on top,
// whose containerEnv (devcontainers/features,
// src/<feature>/devcontainer-feature.json) ends up in the image's ENV.

type devManifest struct {
	Version  string   `json:"version"`
	Variants []string `json:"variants"`
	Build    struct {
		Latest      json.RawMessage     `json:"latest"`
		Tags        []string            `json:"tags"`
		VariantTags map[string][]string `json:"variantTags"`
	} `json:"build"`
}

func loadDevcontainers(d *db, src, features *source) error {
	dirs, err := src.list("src")
	if err != nil {
		return err
	}
	for _, dir := range dirs {
		name := strings.TrimSuffix(dir, "/")
		b, _, err := src.read("", path.Join("src", name, "manifest.json"))
		if err != nil {
			continue
		}
		var m devManifest
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("%s manifest: %v", name, err)
		}
		post, zsh := devFeatures(src, features, name)
		variants := m.Variants
		if len(variants) == 0 {
			variants = []string{""}
		}
		var latest string
		if err := json.Unmarshal(m.Build.Latest, &latest); err != nil {
			var b bool
			if json.Unmarshal(m.Build.Latest, &b) == nil && b {
				latest = variants[0]
			}
		}
		for _, v := range variants {
			templates := append(append([]string(nil), m.Build.Tags...), m.Build.VariantTags[v]...)
			var repo string
			var tags []string
			for _, t := range templates {
				img, tmpl, ok := strings.Cut(t, ":")
				if !ok {
					continue
				}
				repo = "mcr.microsoft.com/devcontainers/" + img
				tmpl = strings.ReplaceAll(tmpl, "${VARIANT}", v)
				tags = append(tags, versionedTags(tmpl, m.Version)...)
			}
			if v == latest {
				tags = append(tags, "latest")
			}
			if repo == "" || len(tags) == 0 {
				continue
			}
			sortTags(tags)
			ref := &dockerfileRef{src: src, path: path.Join("src", name, ".devcontainer", "Dockerfile"), postEnv: post}
			if v != "" {
				ref.args = map[string]string{"VARIANT": v}
			}
			e := &entry{repo: repo, tags: tags}
			e.build = func(d *db) (*facts, error) {
				f, err := d.evalDockerfile(ref)
				if err == nil && zsh {
					f.addShell("zsh")
				}
				return f, err
			}
			d.add(e)
			d.alias("mcr.microsoft.com/vscode/devcontainers/"+strings.TrimPrefix(repo, "mcr.microsoft.com/devcontainers/"), repo)
		}
	}
	return nil
}

// versionedTags expands ${VERSION} as the images are published: the full
// version, major.minor, major, and none ("base:${VERSION}-noble" also gives
// "noble").
func versionedTags(tmpl, version string) []string {
	if !strings.Contains(tmpl, "${VERSION}") {
		return []string{tmpl}
	}
	parts := strings.Split(version, ".")
	var out []string
	for i := len(parts); i >= 1; i-- {
		out = append(out, strings.ReplaceAll(tmpl, "${VERSION}", strings.Join(parts[:i], ".")))
	}
	if rest, ok := strings.CutPrefix(tmpl, "${VERSION}-"); ok && !strings.Contains(rest, "${VERSION}") {
		out = append(out, rest)
	}
	return out
}

// devFeatures returns the variables the image's features add, in feature
// order, and whether common-utils installs zsh.
func devFeatures(src, features *source, name string) (env []envVar, zsh bool) {
	b, _, err := src.read("", path.Join("src", name, ".devcontainer", "devcontainer.json"))
	if err != nil {
		return nil, false
	}
	var cfg struct {
		Features map[string]json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(stripJSONC(b), &cfg); err != nil {
		return nil, false
	}
	ids := make([]string, 0, len(cfg.Features))
	for id := range cfg.Features {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		const p = "ghcr.io/devcontainers/features/"
		fname, ok := strings.CutPrefix(id, p)
		if !ok {
			continue
		}
		fname, _, _ = strings.Cut(fname, ":")
		if fname == "common-utils" && strings.Contains(string(cfg.Features[id]), `"installZsh": "true"`) {
			zsh = true
		}
		if features == nil {
			continue
		}
		fb, _, err := features.read("", path.Join("src", fname, "devcontainer-feature.json"))
		if err != nil {
			continue
		}
		var feat struct {
			ContainerEnv map[string]string `json:"containerEnv"`
		}
		if json.Unmarshal(stripJSONC(fb), &feat) != nil {
			continue
		}
		keys := make([]string, 0, len(feat.ContainerEnv))
		for k := range feat.ContainerEnv {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			env = append(env, envVar{Name: k, Value: feat.ContainerEnv[k]})
		}
	}
	return env, zsh
}

// stripJSONC removes // and /* */ comments and trailing commas, outside strings.
func stripJSONC(b []byte) []byte {
	var out []byte
	inStr := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inStr {
			out = append(out, c)
			if c == '\\' && i+1 < len(b) {
				i++
				out = append(out, b[i])
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
			out = append(out, c)
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			i += 2
			for i+1 < len(b) && !(b[i] == '*' && b[i+1] == '/') {
				i++
			}
			i++
		case c == '}' || c == ']':
			j := len(out) - 1
			for j >= 0 && (out[j] == ' ' || out[j] == '\n' || out[j] == '\t' || out[j] == '\r') {
				j--
			}
			if j >= 0 && out[j] == ',' {
				out = append(out[:j], out[j+1:]...)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}
