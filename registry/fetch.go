package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Image is what a registry says about one reference.
type Image struct {
	// Ref is the reference as looked up, fully qualified
	// ("index.docker.io/library/python:3.12").
	Ref string
	// Digest is what the reference resolves to: the index's digest for a
	// multi-platform image, else the manifest's ("sha256:…").
	Digest string
	// Index reports a multi-platform image (an image index or manifest list).
	Index bool
	// Platforms has one entry per image: one for a single-platform image,
	// one per platform of an index (attestation manifests left out), in
	// the index's order.
	Platforms []Platform
}

// Platform is the config of one image for one platform.
type Platform struct {
	OS, Architecture, Variant string
	// Digest is this image's manifest digest.
	Digest string
	// Config is the image config as the registry stores it (OCI JSON):
	// what BuildKit reads.
	Config []byte
	// File is Config decoded.
	File *v1.ConfigFile
}

// String is "os/arch" or "os/arch/variant".
func (p Platform) String() string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

// ForPlatform returns the config for os/arch (variant ignored when empty);
// ok is false when the image has no such platform.
func (im *Image) ForPlatform(os, arch, variant string) (Platform, bool) {
	for _, p := range im.Platforms {
		if p.OS == os && p.Architecture == arch && (variant == "" || p.Variant == "" || p.Variant == variant) {
			return p, true
		}
	}
	return Platform{}, false
}

// maxPlatforms bounds the configs read from one index.
const maxPlatforms = 16

func (c *Client) remoteOptions(ctx context.Context) []remote.Option {
	return []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(c.opts.Keychain), remote.WithTransport(c.opts.Transport)}
}

func (c *Client) fetchTags(ctx context.Context, repo name.Repository) (any, error) {
	tags, err := remote.List(repo, c.remoteOptions(ctx)...)
	if err != nil {
		return nil, err
	}
	sort.Strings(tags)
	return tags, nil
}

func (c *Client) fetchImage(ctx context.Context, ref name.Reference) (any, error) {
	opts := c.remoteOptions(ctx)
	desc, err := remote.Get(ref, opts...)
	if err != nil {
		return nil, err
	}
	out := &Image{Ref: ref.Name(), Digest: desc.Digest.String()}
	if !desc.MediaType.IsIndex() {
		img, err := desc.Image()
		if err != nil {
			return nil, err
		}
		p, err := platformOf(img, desc.Digest.String())
		if err != nil {
			return nil, err
		}
		out.Platforms = []Platform{p}
		return out, nil
	}
	out.Index = true
	idx, err := desc.ImageIndex()
	if err != nil {
		return nil, err
	}
	manifest, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	for _, m := range manifest.Manifests {
		if len(out.Platforms) == maxPlatforms {
			break
		}
		if !m.MediaType.IsImage() || m.Platform == nil || m.Platform.OS == "unknown" {
			continue // nested indexes and attestations
		}
		img, err := idx.Image(m.Digest)
		if err != nil {
			return nil, err
		}
		p, err := platformOf(img, m.Digest.String())
		if err != nil {
			return nil, err
		}
		out.Platforms = append(out.Platforms, p)
	}
	if len(out.Platforms) == 0 {
		return nil, fmt.Errorf("%s: the index lists no image", ref)
	}
	return out, nil
}

// platformOf reads one image's config.
func platformOf(img v1.Image, digest string) (Platform, error) {
	raw, err := img.RawConfigFile()
	if err != nil {
		return Platform{}, err
	}
	var file v1.ConfigFile
	if err := json.Unmarshal(raw, &file); err != nil {
		return Platform{}, fmt.Errorf("image config: %w", err)
	}
	return Platform{OS: file.OS, Architecture: file.Architecture, Variant: file.Variant, Digest: digest,
		Config: slices.Clone(raw), File: &file}, nil
}

// Digest returns what ref resolves to, as known now.
func (c *Client) Digest(ref string) (string, bool) {
	im, ok := c.Image(ref)
	if !ok {
		return "", false
	}
	return im.Digest, true
}

// Config returns the raw config of ref for platform ("os/arch" or
// "os/arch/variant"; "" for the default), as known now. A single-platform
// image answers with its config whatever is asked, as a pull does; an index
// without the platform answers with its first (a pull would fail; the
// config shows what it does have).
func (c *Client) Config(ref, platform string) ([]byte, bool) {
	im, ok := c.Image(ref)
	if !ok || len(im.Platforms) == 0 {
		return nil, false
	}
	if platform == "" {
		return im.defaultPlatform().Config, true
	}
	parts := append(strings.SplitN(platform, "/", 3), "", "")
	if p, ok := im.ForPlatform(parts[0], parts[1], parts[2]); ok {
		return p.Config, true
	}
	return im.Platforms[0].Config, true
}
