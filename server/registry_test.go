package server

import (
	"encoding/json"
	"net"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
	"github.com/dockerfile-ls/dockerfile-ls/internal/registrytest"
)

// The registry features, through LSP, against a real registry (Debian's
// docker-registry, started by the test): tag completion, the image config,
// InvalidBaseImagePlatform and pin to digest.

const registryURI = "file:///work/Dockerfile"

type completionItem struct {
	Label    string `json:"label"`
	SortText string `json:"sortText"`
	TextEdit *struct {
		Range   lsptest.Range `json:"range"`
		NewText string        `json:"newText"`
	} `json:"textEdit"`
}

// registryOn starts a server with registry.enabled and opens text.
func registryOn(t *testing.T, text string, opts ...func(*Server)) *testClient {
	c := startServer(t, opts...)
	c.initialize(map[string]any{"initializationOptions": map[string]any{"registry": map[string]any{"enabled": true}}})
	c.Open(registryURI, text)
	return c
}

func pos(line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": registryURI}, "position": map[string]int{"line": line, "character": char}}
}

// completeUntil asks for completion at line:char until some item comes
// (the first question starts the lookup; its answer publishes diagnostics
// again, which is when it is worth asking again).
func completeUntil(t *testing.T, c *testClient, line, char int) []completionItem {
	t.Helper()
	for range 50 {
		from := len(c.Notes())
		var list struct {
			Items []completionItem `json:"items"`
		}
		c.MustCall("textDocument/completion", pos(line, char), &list)
		if len(list.Items) > 0 {
			return list.Items
		}
		c.WaitNote(from, "textDocument/publishDiagnostics", nil)
	}
	t.Fatal("no tags offered after 50 answers from the registry")
	return nil
}

func codes(p lsptest.Publish) map[string][]int {
	out := map[string][]int{}
	for _, d := range p.Diagnostics {
		out[d.Code] = append(out[d.Code], d.Range.Start.Line)
	}
	return out
}

func TestRegistryThroughLSP(t *testing.T) {
	reg := registrytest.Start(t)
	app := registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "amd64",
		Env: []string{"PATH=/usr/bin", "APP_HOME=/srv/app"}, User: "app", WorkDir: "/srv/app"})
	reg.Push(t, "app", app, "1.0", "1.2", "1.2-slim", "latest", "0.9")
	arm := registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "arm64"})
	reg.Push(t, "armonly", arm, "1")
	amd := registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "amd64"})
	reg.PushIndex(t, "multi", "1", amd, arm)

	h := reg.Host
	text := "FROM " + h + "/app:1.2 AS a\n" +
		"FROM --platform=linux/amd64 " + h + "/armonly:1 AS b\n" +
		"FROM --platform=linux/arm64 " + h + "/multi:1 AS c\n" +
		"FROM --platform=linux/s390x " + h + "/multi:1 AS d\n" +
		"FROM " + h + "/app:1.2 AS e\n" +
		"WORKDIR $APP_HOME\n" +
		"COPY . $APP_HOMEE\n" +
		"RUN apt-get update\n"
	c := registryOn(t, text)

	// Offline, nothing is known of the image: both variables are undefined.
	p := c.WaitDiagnostics(0, registryURI, 1)
	if got := codes(p)["UndefinedVar"]; !slices.Equal(got, []int{5, 6}) && !slices.Equal(got, []int{6}) {
		t.Errorf("UndefinedVar before the registry answers on lines %v, want [5 6] (or [6] if it answered first)", got)
	}
	// Diagnostics refresh when the configs arrive: an arm64-only image in an
	// amd64 stage, and an index without s390x; not the index that has arm64.
	// The image's ENV defines APP_HOME, and the typo's "did you mean" names it.
	p = c.waitPublishWith(func(p lsptest.Publish) bool {
		return len(codes(p)["InvalidBaseImagePlatform"]) == 2 && len(codes(p)["UndefinedVar"]) == 1
	})
	if got := codes(p)["InvalidBaseImagePlatform"]; !slices.Equal(got, []int{1, 3}) {
		t.Errorf("InvalidBaseImagePlatform on lines %v, want [1 3]; all: %v", got, p.Diagnostics)
	}
	if got := codes(p)["UndefinedVar"]; !slices.Equal(got, []int{6}) {
		t.Errorf("UndefinedVar on lines %v, want [6] ($APP_HOMEE)", got)
	}
	// Whether the image has a shell or apt-get, its config does not say.
	for _, rule := range []string{"NoShellInImage", "PackageManagerMissing"} {
		if got := codes(p)[rule]; len(got) > 0 {
			t.Errorf("%s on lines %v for an image known only by its config", rule, got)
		}
	}
	// The finding's suggestion comes from the registry's config.
	var hover struct {
		Contents struct {
			Value string `json:"value"`
		} `json:"contents"`
	}
	for _, d := range p.Diagnostics {
		if d.Code == "UndefinedVar" && !strings.Contains(d.Message, "did you mean $APP_HOME?") {
			t.Errorf("UndefinedVar message %q, want the did-you-mean from the registry's config", d.Message)
		}
	}
	// Hover on the image says what its config says; nothing about what is
	// installed, which a config does not tell.
	c.MustCall("textDocument/hover", pos(4, len("FROM "+h+"/ap")), &hover)
	for _, want := range []string{"`app`", "/srv/app", "APP_HOME"} {
		if !strings.Contains(hover.Contents.Value, want) {
			t.Errorf("hover on app:1.2 lacks %s:\n%s", want, hover.Contents.Value)
		}
	}
	if strings.Contains(strings.ToLower(hover.Contents.Value), "shell") {
		t.Errorf("hover on app:1.2 speaks of a shell, which its config does not tell:\n%s", hover.Contents.Value)
	}
	c.MustCall("textDocument/hover", pos(5, len("WORKDIR $APP_")), &hover)
	if !strings.Contains(hover.Contents.Value, "/srv/app") {
		t.Errorf("hover on $APP_HOME lacks the value the image's config gives it:\n%s", hover.Contents.Value)
	}
	// Hover answers with what is known now, the platform finding included.
	c.MustCall("textDocument/hover", pos(1, len("FROM --platform=linux/amd64 "+h+"/arm")), &hover)
	if !strings.Contains(hover.Contents.Value, "InvalidBaseImagePlatform") {
		t.Errorf("hover on the arm64-only image = %q, want the InvalidBaseImagePlatform finding", hover.Contents.Value)
	}
	for _, d := range p.Diagnostics {
		if d.Code == "InvalidBaseImagePlatform" && d.Range.Start.Line == 1 && !strings.Contains(d.Message, `"linux/arm64", expected "linux/amd64"`) {
			t.Errorf("message %q", d.Message)
		}
	}

	// Tags after "app:": latest, the variants of the tag written (1.2), then by version.
	col := len("FROM " + h + "/app:")
	items := completeUntil(t, c, 0, col)
	for _, it := range items {
		if it.TextEdit == nil || it.TextEdit.Range != lsptest.NewRange(0, col, 0, col+3) {
			t.Errorf("%s replaces %+v, want the tag 1.2", it.Label, it.TextEdit)
		}
	}
	slices.SortStableFunc(items, func(a, b completionItem) int { return strings.Compare(a.SortText, b.SortText) })
	var sorted []string
	for _, it := range items {
		sorted = append(sorted, it.Label)
	}
	if want := []string{"latest", "1.2-slim", "1.2", "1.0", "0.9"}; !slices.Equal(sorted, want) {
		t.Errorf("tags in order %v, want %v", sorted, want)
	}

	// Pin to digest.
	var actions []struct {
		Title string `json:"title"`
		Kind  string `json:"kind"`
		Edit  struct {
			Changes map[string][]lsptest.TextEdit `json:"changes"`
		} `json:"edit"`
	}
	c.MustCall("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": registryURI},
		"range": lsptest.NewRange(0, 2, 0, 2), "context": map[string]any{"diagnostics": []any{}}}, &actions)
	var pinned string
	for _, a := range actions {
		if strings.HasPrefix(a.Title, "Pin ") {
			pinned = lsptest.ApplyEdits(text, a.Edit.Changes[registryURI], "utf-16")
		}
	}
	want := "FROM " + h + "/app:1.2@" + registrytest.Digest(t, app) + " AS a\n"
	if !strings.HasPrefix(pinned, want) || strings.Count(pinned, "@sha256:") != 1 {
		t.Errorf("pinned text:\n%s\nwant it to start with\n%s(actions %+v)", pinned, want, actions)
	}
}

// waitPublishWith waits for a publish of registryURI for which pred holds.
func (c *testClient) waitPublishWith(pred func(lsptest.Publish) bool) lsptest.Publish {
	c.t.Helper()
	var out lsptest.Publish
	c.WaitNote(0, "textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p lsptest.Publish
		if json.Unmarshal(raw, &p) != nil || p.URI != registryURI {
			return false
		}
		out = p
		return pred(p)
	})
	return out
}

// blackHole is a registry that accepts connections and never answers,
// until the test ends; it counts the connections.
func blackHole(t *testing.T) (host string, accepted *atomic.Int32) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted = &atomic.Int32{}
	release := make(chan struct{})
	t.Cleanup(func() { close(release); l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			go func() { <-release; conn.Close() }()
		}
	}()
	return l.Addr().String(), accepted
}

// askEverything sends every request that could want the registry.
func askEverything(t *testing.T, c *testClient, host string) {
	t.Helper()
	col := len("FROM " + host + "/app:")
	c.MustCall("textDocument/completion", pos(0, col), nil)
	c.MustCall("textDocument/hover", pos(0, col), nil)
	c.MustCall("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": registryURI},
		"range": lsptest.NewRange(0, 0, 1, 0), "context": map[string]any{"diagnostics": []any{}}}, nil)
	c.MustCall("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": registryURI},
		"range": lsptest.NewRange(0, 0, 2, 0)}, nil)
}

// TestRegistryOffOpensNoConnection: with registry.enabled off (the default)
// nothing connects anywhere; turning it on does (so the count can fail).
func TestRegistryOffOpensNoConnection(t *testing.T) {
	host, accepted := blackHole(t)
	c := startServer(t)
	c.initialize(nil)
	c.Open(registryURI, "FROM "+host+"/app:1 AS a\nRUN echo $APP_HOME\n")
	c.WaitDiagnostics(0, registryURI, 1)
	askEverything(t, c, host)
	c.MustCall("shutdown", nil, nil)
	if n := accepted.Load(); n != 0 {
		t.Fatalf("%d connections to the registry with registry.enabled off", n)
	}

	c = startServer(t)
	c.initialize(nil)
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"registry": map[string]any{"enabled": true}}})
	c.Open(registryURI, "FROM "+host+"/app:1 AS a\n")
	askEverything(t, c, host)
	for i := 0; accepted.Load() == 0; i++ {
		if i == 3000 {
			t.Fatal("no connection to the registry with registry.enabled on")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestRegistryNotAnswering: a registry that never answers delays nothing
// (every request is answered while it holds the connection open), and the
// lookup ends at the timeout, which publishes diagnostics again.
func TestRegistryNotAnswering(t *testing.T) {
	host, accepted := blackHole(t)
	c := registryOn(t, "FROM --platform=linux/arm64 "+host+"/app:1 AS a\n",
		func(s *Server) { s.opts.RegistryTimeout = 300 * time.Millisecond })
	c.WaitDiagnostics(0, registryURI, 1)
	askEverything(t, c, host)
	for i := 0; accepted.Load() == 0; i++ {
		if i == 3000 {
			t.Fatal("the lookup never reached the registry")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Only the end of the lookup (its timeout: the registry never answers)
	// publishes again now.
	from := len(c.Notes())
	p := c.WaitDiagnostics(from, registryURI, 1)
	if len(codes(p)["InvalidBaseImagePlatform"]) != 0 {
		t.Errorf("a platform finding without a config: %v", p.Diagnostics)
	}
	askEverything(t, c, host)
}
