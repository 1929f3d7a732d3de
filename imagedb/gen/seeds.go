package main

import (
	"regexp"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/names"
)

// Seeds are the facts of images that are not built from a Dockerfile one can
// evaluate: root filesystems imported whole (alpine, debian, ubuntu,
// busybox, fedora…), images built with other tools (distroless: Bazel) and
// Windows. Each is entered by hand from the upstream build definition named
// in its Source, and everything built FROM them inherits them.

// distro describes what a Linux root filesystem contains.
type distro struct {
	name    string
	pms     []string
	shells  []string // beyond sh
	useradd bool
	adduser string
	cmd     []string
	env     []envVar // beyond PATH
}

func (ds distro) facts(release, source string) *facts {
	f := &facts{OS: "linux", Distro: ds.name, Release: release, BinSh: true, Useradd: ds.useradd,
		Adduser: ds.adduser, Cmd: ds.cmd, Source: source}
	f.PMs = append(f.PMs, ds.pms...)
	f.Shells = append([]string{"sh"}, ds.shells...)
	f.Env = append([]envVar{{Name: "PATH", Value: defaultPath}}, ds.env...)
	return f
}

var (
	// alpinelinux/docker-alpine: FROM scratch, ADD the minirootfs, CMD ["/bin/sh"].
	alpineRoot = distro{name: "alpine", pms: []string{"apk"}, adduser: "busybox", cmd: []string{"/bin/sh"}}
	// debuerreotype/docker-debian-artifacts: a debootstrap minbase, CMD ["bash"].
	debianRoot = distro{name: "debian", pms: []string{"apt"}, shells: []string{"bash"}, useradd: true, adduser: "debian", cmd: []string{"bash"}}
	// cloud-images/+oci/ubuntu-base: CMD ["/bin/bash"].
	ubuntuRoot = distro{name: "ubuntu", pms: []string{"apt"}, shells: []string{"bash"}, useradd: true, adduser: "debian", cmd: []string{"/bin/bash"}}
	// docker-library/busybox: the BusyBox binary and its applets, CMD ["sh"].
	busyboxRoot = distro{name: "busybox", adduser: "busybox", cmd: []string{"sh"}}
	// fedora-cloud/docker-brew-fedora: dnf (yum is an alias), CMD ["/bin/bash"].
	fedoraRoot = distro{name: "fedora", pms: []string{"dnf", "yum"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	// oracle/container-images: dnf and yum; the -slim images microdnf.
	oracleRoot     = distro{name: "oraclelinux", pms: []string{"dnf", "yum"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	oracleSlimRoot = distro{name: "oraclelinux", pms: []string{"microdnf"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	oracle7Root    = distro{name: "oraclelinux", pms: []string{"yum"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	// amazonlinux/container-images: 2023 has dnf (yum an alias), 2 has yum;
	// neither has shadow-utils.
	amazon2023Root = distro{name: "amazonlinux", pms: []string{"dnf", "yum"}, shells: []string{"bash"}, cmd: []string{"/bin/bash"}}
	amazon2Root    = distro{name: "amazonlinux", pms: []string{"yum"}, shells: []string{"bash"}, cmd: []string{"/bin/bash"}}
	// rocky-linux/sig-cloud-instance-images, AlmaLinux/container-images.
	rhelLikeRoot    = distro{pms: []string{"dnf", "yum"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	rhelMinimalRoot = distro{pms: []string{"microdnf"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	// archlinux-docker: pacman, CMD ["/usr/bin/bash"].
	archRoot = distro{name: "archlinux", pms: []string{"pacman"}, shells: []string{"bash"}, useradd: true, adduser: "none", cmd: []string{"/usr/bin/bash"}}
	// vmware/photon-docker-image: tdnf, CMD ["/bin/bash"].
	photonRoot = distro{name: "photon", pms: []string{"tdnf"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}}
	// Red Hat UBI: ubi has dnf and yum, ubi-minimal microdnf and no
	// shadow-utils; both set container=oci.
	ubiRoot        = distro{name: "rhel", pms: []string{"dnf", "yum"}, shells: []string{"bash"}, useradd: true, adduser: "shadow", cmd: []string{"/bin/bash"}, env: []envVar{{Name: "container", Value: "oci"}}}
	ubiMinimalRoot = distro{name: "rhel", pms: []string{"microdnf"}, shells: []string{"bash"}, adduser: "none", cmd: []string{"/bin/bash"}, env: []envVar{{Name: "container", Value: "oci"}}}
	// microsoft/azurelinux base/core: tdnf, no shadow-utils (dotnet-docker
	// installs it before groupadd).
	azureRoot = distro{name: "azurelinux", pms: []string{"tdnf"}, shells: []string{"bash"}, adduser: "none", cmd: []string{"/bin/bash"}}
	// Azure Linux 4.0 (beta) moved to dnf: dotnet-docker's azurelinux4.0
	// Dockerfiles run "dnf install" (src/aspnet/11.0/azurelinux4.0-*);
	// tdnf is kept in the set so a tdnf step is never flagged on a guess.
	azure4Root = distro{name: "azurelinux", pms: []string{"dnf", "tdnf"}, shells: []string{"bash"}, adduser: "none", cmd: []string{"/bin/bash"}}
)

// rootSeed returns the seed for an entry of a root image's library file.
func rootSeed(repo string, le libraryEntry) *facts {
	src := "seed:" + repo
	switch repo {
	case "alpine":
		return alpineRoot.facts(alpineRelease(le.Tags), src)
	case "debian":
		return debianRoot.facts(strings.Split(le.Directory, "/")[0], src)
	case "ubuntu":
		return ubuntuRoot.facts(firstMatching(le.Tags, names.IsUbuntu), src)
	case "busybox":
		return busyboxRoot.facts("", src)
	case "fedora":
		return fedoraRoot.facts(firstMatching(le.Tags, isNumeric), src)
	case "oraclelinux":
		rel := strings.TrimSuffix(firstMatching(le.Tags, func(t string) bool { return isNumeric(strings.TrimSuffix(t, "-slim")) }), "-slim")
		switch {
		case strings.HasPrefix(rel, "7"):
			return oracle7Root.facts(rel, src)
		case strings.Contains(strings.Join(le.Tags, ","), "slim"):
			return oracleSlimRoot.facts(rel, src)
		}
		return oracleRoot.facts(rel, src)
	case "amazonlinux":
		rel := firstMatching(le.Tags, isNumeric)
		if strings.HasPrefix(rel, "2023") {
			return amazon2023Root.facts("2023", src)
		}
		return amazon2Root.facts("2", src)
	case "rockylinux", "almalinux":
		ds := rhelLikeRoot
		if strings.Contains(strings.Join(le.Tags, ","), "minimal") {
			ds = rhelMinimalRoot
		}
		ds.name = repo
		return ds.facts(firstMatching(le.Tags, isNumeric), src)
	case "archlinux":
		return archRoot.facts("", src)
	case "photon":
		return photonRoot.facts(firstMatching(le.Tags, isNumeric), src)
	}
	return nil
}

var numericRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*$`)

func isNumeric(s string) bool { return numericRE.MatchString(s) }

func firstMatching(tags []string, ok func(string) bool) string {
	for _, t := range tags {
		if ok(t) {
			return t
		}
	}
	return ""
}

// alpineRelease: "3.24" from tags like "3.24.1, 3.24, 3, latest"; "edge".
func alpineRelease(tags []string) string {
	for _, t := range tags {
		if t == "edge" {
			return "edge"
		}
		if p := strings.Split(t, "."); len(p) == 2 && isNumeric(t) {
			return t
		}
	}
	return ""
}

// distroFromName reads a distribution from a variant name: "noble-chiseled"
// → ubuntu noble, "azurelinux3.0-distroless" → azurelinux 3.0,
// "alpine3.21" → alpine 3.21, "bookworm-slim" → debian bookworm.
func distroFromName(name string) (distro, release string) {
	for _, tok := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '/' }) {
		switch {
		case names.IsDebian(tok):
			return "debian", tok
		case names.IsUbuntu(tok):
			return "ubuntu", tok
		}
		for _, d := range []string{"alpine", "azurelinux", "mariner", "debian", "ubuntu"} {
			if rest, ok := strings.CutPrefix(tok, d); ok && isNumeric(rest) {
				if d == "mariner" {
					d = "azurelinux"
				}
				return d, rest
			}
		}
		if tok == "chiseled" {
			return "ubuntu", ""
		}
	}
	return "", ""
}

// extraRoots are images with no library file here: Red Hat's UBI, Azure
// Linux, CentOS (retired from the official images), each a seed that takes
// any tag.
func extraRoots(d *db) {
	for _, v := range []string{"8", "9", "10"} {
		for _, host := range []string{"registry.access.redhat.com/", "registry.redhat.io/"} {
			add := func(name string, ds distro) {
				d.add(&entry{repo: host + name, tags: []string{anyTag}, seed: ds.facts(v, "seed:ubi")})
			}
			add("ubi"+v, ubiRoot)
			add("ubi"+v+"/ubi", ubiRoot)
			add("ubi"+v+"-minimal", ubiMinimalRoot)
			add("ubi"+v+"/ubi-minimal", ubiMinimalRoot)
			add("ubi"+v+"-init", ubiRoot)
			add("ubi"+v+"/ubi-init", ubiRoot)
		}
		d.add(&entry{repo: "redhat/ubi" + v, tags: []string{anyTag}, seed: ubiRoot.facts(v, "seed:ubi")})
		d.add(&entry{repo: "redhat/ubi" + v + "-minimal", tags: []string{anyTag}, seed: ubiMinimalRoot.facts(v, "seed:ubi")})
		d.add(&entry{repo: "redhat/ubi" + v + "-init", tags: []string{anyTag}, seed: ubiRoot.facts(v, "seed:ubi")})
	}
	for _, az := range []struct {
		repo, rel string
		root      distro
	}{
		{"mcr.microsoft.com/azurelinux/base/core", "3.0", azureRoot},
		{"mcr.microsoft.com/azurelinux-beta/base/core", "4.0", azure4Root},
		{"mcr.microsoft.com/cbl-mariner/base/core", "2.0", azureRoot},
	} {
		d.add(&entry{repo: az.repo, tags: []string{az.rel, anyTag}, seed: az.root.facts(az.rel, "seed:azurelinux")})
	}
	// Azure Linux distroless: files only, no shell, no package manager.
	for _, az := range []struct{ repo, rel string }{
		{"mcr.microsoft.com/azurelinux/distroless/base", "3.0"},
		{"mcr.microsoft.com/azurelinux/distroless/minimal", "3.0"},
		{"mcr.microsoft.com/azurelinux-beta/distroless/minimal", "4.0"},
		{"mcr.microsoft.com/cbl-mariner/distroless/base", "2.0"},
		{"mcr.microsoft.com/cbl-mariner/distroless/minimal", "2.0"},
	} {
		f := &facts{OS: "linux", Distro: "azurelinux", Release: az.rel, Adduser: "none", Source: "seed:azurelinux-distroless",
			Env: []envVar{{Name: "PATH", Value: defaultPath}}}
		d.add(&entry{repo: az.repo, tags: []string{az.rel, anyTag}, seed: f})
	}
	// scratch is the empty image; BuildKit gives every Linux stage a PATH.
	d.add(&entry{repo: "scratch", tags: []string{"latest", anyTag}, seed: &facts{OS: "linux", Adduser: "none",
		Env: []envVar{{Name: "PATH", Value: defaultPath}}, Source: "seed:scratch"}})
	// CentOS left the official images; its last tags are still pulled.
	centos7 := rhelLikeRoot
	centos7.name, centos7.pms = "centos", []string{"yum"}
	centos8 := rhelLikeRoot
	centos8.name = "centos"
	d.add(&entry{repo: "centos", tags: []string{"7", "centos7", "7.9.2009", "centos7.9.2009"}, seed: centos7.facts("7", "seed:centos")})
	d.add(&entry{repo: "centos", tags: []string{"latest", "8", "centos8", "8.4.2105", "centos8.4.2105"}, seed: centos8.facts("8", "seed:centos")})
	for _, v := range []string{"9", "10"} {
		ds := rhelLikeRoot
		ds.name = "centos"
		d.add(&entry{repo: "quay.io/centos/centos", tags: []string{"stream" + v}, seed: ds.facts("stream"+v, "seed:centos")})
	}
}
