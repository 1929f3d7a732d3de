package main

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// dotnetManifest is the part of dotnet/dotnet-docker's manifest.json the
// generator reads: which Dockerfile builds which tags of which repository.
type dotnetManifest struct {
	Registry  string            `json:"registry"`
	Variables map[string]string `json:"variables"`
	Includes  []string          `json:"includes"`
	Repos     []struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Images []struct {
			SharedTags map[string]json.RawMessage `json:"sharedTags"`
			Platforms  []struct {
				Architecture string                     `json:"architecture"`
				BuildArgs    map[string]string          `json:"buildArgs"`
				Dockerfile   string                     `json:"dockerfile"`
				OS           string                     `json:"os"`
				OSVersion    string                     `json:"osVersion"`
				Tags         map[string]json.RawMessage `json:"tags"`
			} `json:"platforms"`
		} `json:"images"`
	} `json:"repos"`
}

var manifestVar = regexp.MustCompile(`\$\(([^()]+)\)`)

// loadDotnet adds the amd64 images of every repository in the manifest
// (mcr.microsoft.com/dotnet/sdk, aspnet, runtime, runtime-deps, monitor…).
func loadDotnet(d *db, src *source) error {
	data, _, err := src.read("", "manifest.json")
	if err != nil {
		return err
	}
	var m dotnetManifest
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("manifest.json: %v", err)
	}
	vars := map[string]string{}
	for _, inc := range m.Includes {
		b, _, err := src.read("", inc)
		if err != nil {
			return err
		}
		var v struct {
			Variables map[string]any `json:"variables"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("%s: %v", inc, err)
		}
		for k, val := range v.Variables {
			vars[k] = fmt.Sprint(val)
		}
	}
	for k, val := range m.Variables {
		vars[k] = val
	}
	repoNames := map[string]string{}
	for _, r := range m.Repos {
		repoNames[r.ID] = m.Registry + "/" + r.Name
	}
	var expand func(s string, depth int) (string, bool)
	expand = func(s string, depth int) (string, bool) {
		ok := true
		out := manifestVar.ReplaceAllStringFunc(s, func(x string) string {
			name := x[2 : len(x)-1]
			if id, found := strings.CutPrefix(name, "Repo:"); found {
				if r, found := repoNames[id]; found {
					return r
				}
			}
			v, found := vars[name]
			if !found || depth > 8 {
				ok = false
				return x
			}
			v, vok := expand(v, depth+1)
			ok = ok && vok
			return v
		})
		return out, ok
	}
	tagList := func(raw map[string]json.RawMessage) []string {
		var out []string
		for t := range raw {
			if x, ok := expand(t, 0); ok {
				out = append(out, x)
			}
		}
		sortTags(out)
		return out
	}
	for _, r := range m.Repos {
		repo := m.Registry + "/" + r.Name
		for _, im := range r.Images {
			shared := tagList(im.SharedTags)
			for _, p := range im.Platforms {
				if p.Architecture != "" && p.Architecture != "amd64" {
					continue
				}
				args := map[string]string{}
				for k, v := range p.BuildArgs {
					if x, ok := expand(v, 0); ok {
						args[k] = x
					}
				}
				tags := append(tagList(p.Tags), shared...)
				if len(tags) == 0 {
					continue
				}
				d.add(&entry{repo: repo, tags: tags, dockerfile: &dockerfileRef{
					src: src, path: path.Join(p.Dockerfile, "Dockerfile"), args: args,
					hint: p.OSVersion, osHint: p.OS,
				}})
			}
		}
	}
	return nil
}
