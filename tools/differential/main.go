// Command differential compares dockerfile-ls with the incumbent server
// (rcjsuen's dockerfile-language-server 0.15.0) over a corpus of real
// Dockerfiles: at every token start it asks both for hover, definition,
// highlight and rename, at completion points for completion, and per file
// for symbols, folding ranges and diagnostics, then reports the
// differences by class. Differences listed in known.yaml, each with the
// reason ours is right, are reported apart; the rest are the fix list.
//
//	go run ./tools/differential [-short] [-corpus DIR] [-files LIST] [-json OUT] [FILE…]
//
// It is not part of `go test ./...`: it installs the incumbent with npm
// (outside the repository) and runs for minutes over the whole corpus.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

type options struct {
	corpus     string
	filesList  string
	incumbent  string
	jsonOut    string
	knownPath  string
	short      bool
	sample     int
	maxTokens  int
	jobs       int
	timeout    time.Duration
	examples   int
	serverLogs string
	at         string
	count      bool
	parallel   int
	rejudge    string
}

func main() {
	var o options
	flag.StringVar(&o.corpus, "corpus", "", "corpus directory (default ../shared/corpus next to the repository)")
	flag.StringVar(&o.filesList, "files", "", "file listing the Dockerfiles to compare, one path a line")
	flag.StringVar(&o.incumbent, "incumbent", "/tmp/peers/incumbent", "scratch directory the incumbent is installed into")
	flag.StringVar(&o.jsonOut, "json", "", "write the machine-readable report here")
	flag.StringVar(&o.knownPath, "known", "", "known differences (default tools/differential/known.yaml)")
	flag.BoolVar(&o.short, "short", false, "sample mode: every 10th file, at most 300 token starts each")
	flag.IntVar(&o.sample, "sample", 0, "compare only this many files, spread evenly over the list")
	flag.IntVar(&o.maxTokens, "max-tokens", 0, "probe at most this many token starts per file (0: all)")
	flag.StringVar(&o.rejudge, "rejudge", "", "re-read a -json report, apply the current known list, print (no servers run)")
	flag.IntVar(&o.parallel, "parallel", 1, "server pairs working at once (each on its own directory)")
	flag.IntVar(&o.jobs, "jobs", 8, "requests in flight per server")
	flag.DurationVar(&o.timeout, "timeout", 20*time.Second, "per-request timeout")
	flag.IntVar(&o.examples, "examples", 6, "examples per class in the text report")
	flag.StringVar(&o.serverLogs, "server-logs", "", "append both servers' stderr to this file (default: discarded)")
	flag.StringVar(&o.at, "at", "", "print both servers' raw answers at FILE:LINE:COL (FILE alone: whole-file answers) and exit")
	flag.BoolVar(&o.count, "count", false, "print the number of files, token starts and completion points, and exit")
	flag.Parse()
	if err := run(o, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "differential:", err)
		os.Exit(1)
	}
}

func run(o options, args []string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	if o.corpus == "" {
		o.corpus = filepath.Join(filepath.Dir(root), "shared", "corpus")
	}
	if o.knownPath == "" {
		o.knownPath = filepath.Join(root, "tools", "differential", "known.yaml")
	}
	if o.short {
		if o.sample == 0 {
			o.sample = -10
		}
		if o.maxTokens == 0 {
			o.maxTokens = 300
		}
	}
	known, err := loadKnown(o.knownPath)
	if err != nil {
		return err
	}
	if o.rejudge != "" {
		return rejudge(o, known)
	}
	var files []string
	if o.at == "" {
		if files, err = listFiles(o, args); err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("no files to compare (is %s there?)", o.corpus)
		}
		if o.count {
			return countTokens(files, o.maxTokens)
		}
	}
	theirCmd, err := installIncumbent(o.incumbent)
	if err != nil {
		return err
	}
	ourCmd, cleanup, err := buildOurs(root)
	if err != nil {
		return err
	}
	defer cleanup()
	if o.at != "" {
		return showAt(o.at, ourCmd, theirCmd, o.timeout, os.Stdout)
	}
	logs := io.Discard
	if o.serverLogs != "" {
		f, err := os.OpenFile(o.serverLogs, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		logs = f
	}

	start := time.Now()
	r := &report{Incumbent: incumbentPackage, Corpus: o.corpus}
	var (
		all      []finding
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	// With -json, each directory's part is also appended to JSON.partial
	// as it completes, so an interrupted run can still be rejudged.
	var partial *json.Encoder
	if o.jsonOut != "" {
		f, err := os.Create(o.jsonOut + ".partial")
		if err != nil {
			return err
		}
		defer f.Close()
		partial = json.NewEncoder(f)
	}
	groups := make(chan dirFiles)
	for w := 0; w < max(1, o.parallel); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for dir := range groups {
				part := report{Incumbent: incumbentPackage, Corpus: o.corpus}
				fs, err := compareDir(o, dir.path, dir.files, ourCmd, theirCmd, logs, &part)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				all = append(all, fs...)
				r.add(&part)
				if partial != nil {
					part.Findings = fs
					_ = partial.Encode(&part)
				}
				fmt.Fprintf(os.Stderr, "differential: %d/%d files, %d findings, %s\n",
					r.Files, len(files), len(all), time.Since(start).Round(time.Second))
				mu.Unlock()
			}
		}()
	}
	for _, dir := range groupByDir(files) {
		groups <- dir
	}
	close(groups)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	r.Seconds = time.Since(start).Seconds()
	sortFindings(all)
	explain(all, known)
	buildReport(r, all, known, o.examples)
	writeText(os.Stdout, r)
	if o.jsonOut != "" {
		return writeJSON(o.jsonOut, r)
	}
	return nil
}

// listFiles returns the files to compare: arguments, else the -files list,
// else every file of the corpus but its README and SOURCES.tsv.
func listFiles(o options, args []string) ([]string, error) {
	files := args
	if len(files) == 0 && o.filesList != "" {
		f, err := os.Open(o.filesList)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
				files = append(files, l)
			}
		}
		f.Close()
	}
	if len(files) == 0 {
		err := filepath.WalkDir(o.corpus, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && filepath.Dir(p) != o.corpus {
				files = append(files, p)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
	}
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		files[i] = abs
	}
	sort.Strings(files)
	return sample(files, o.sample), nil
}

// sample keeps n files spread evenly over the list; a negative n keeps
// every -n'th file.
func sample(files []string, n int) []string {
	if n < 0 {
		var out []string
		for i := 0; i < len(files); i += -n {
			out = append(out, files[i])
		}
		return out
	}
	if n == 0 || n >= len(files) {
		return files
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, files[i*len(files)/n])
	}
	return out
}

type dirFiles struct {
	path  string
	files []string
}

func groupByDir(files []string) []dirFiles {
	var out []dirFiles
	for _, f := range files {
		d := filepath.Dir(f)
		if len(out) == 0 || out[len(out)-1].path != d {
			out = append(out, dirFiles{path: d})
		}
		out[len(out)-1].files = append(out[len(out)-1].files, f)
	}
	return out
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// compareDir starts both servers with the directory as root, compares
// every file in it, and stops them.
func compareDir(o options, dir string, files []string, ourCmd, theirCmd []string, logs io.Writer, r *report) ([]finding, error) {
	ours, err := startClient("dockerfile-ls", ourCmd, dir, logs)
	if err != nil {
		return nil, err
	}
	theirs, err := startClient("incumbent", theirCmd, dir, logs)
	if err != nil {
		return nil, err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ours.shutdown(ctx)
		theirs.shutdown(ctx)
	}()
	for _, c := range []*client{ours, theirs} {
		if err := initialize(c, dir, o.timeout); err != nil {
			return nil, err
		}
	}
	var out []finding
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		text := string(b)
		all := tokenize(text)
		toks := all
		if o.maxTokens > 0 && len(toks) > o.maxTokens {
			toks = toks[:o.maxTokens]
		}
		ao, at := probeFile(ours, theirs, fileURI(path), text, toks, o.jobs, o.timeout)
		rel, _ := filepath.Rel(o.corpus, path)
		if strings.HasPrefix(rel, "..") {
			rel = path
		}
		lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
		out = append(out, compareFile(rel, lines, toks, all, ao, at)...)
		if r.Diagnostics == nil {
			r.Diagnostics = map[string]fileDiagnostics{}
		}
		r.Diagnostics[rel] = fileDiagnostics{Ours: ao.Diags, Theirs: at.Diags}
		r.Files++
		r.Tokens += len(toks)
		r.Completions += len(ao.Completion)
		r.Requests += 4 + 4*len(toks) + len(ao.Completion) + len(ao.Rename)
		r.OurSeconds += ao.Elapsed.Seconds()
		r.TheirSeconds += at.Elapsed.Seconds()
	}
	return out, nil
}

// initialize sends both servers the same initialize request: utf-16, the
// capabilities of a typical editor, the directory as root.
func initialize(c *client, dir string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	params := map[string]any{
		"processId":        os.Getpid(),
		"clientInfo":       map[string]any{"name": "differential"},
		"locale":           "en",
		"rootUri":          fileURI(dir),
		"capabilities":     clientCapabilities,
		"workspaceFolders": []any{map[string]any{"uri": fileURI(dir), "name": filepath.Base(dir)}},
	}
	if err := c.call(ctx, "initialize", params, nil); err != nil {
		return fmt.Errorf("%s: initialize: %w", c.name, err)
	}
	return c.notify("initialized", map[string]any{})
}

var clientCapabilities = map[string]any{
	"general": map[string]any{"positionEncodings": []string{"utf-16"}},
	"workspace": map[string]any{
		"applyEdit":     false,
		"workspaceEdit": map[string]any{"documentChanges": false},
		"configuration": false,
	},
	"textDocument": map[string]any{
		"synchronization": map[string]any{"didSave": true},
		"hover":           map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
		"completion": map[string]any{
			"completionItem": map[string]any{"snippetSupport": true, "deprecatedSupport": true,
				"documentationFormat": []string{"markdown", "plaintext"}},
			"contextSupport": true,
		},
		"signatureHelp":      map[string]any{"signatureInformation": map[string]any{"documentationFormat": []string{"markdown", "plaintext"}}},
		"definition":         map[string]any{"linkSupport": false},
		"documentHighlight":  map[string]any{},
		"documentSymbol":     map[string]any{"hierarchicalDocumentSymbolSupport": true},
		"rename":             map[string]any{"prepareSupport": true},
		"foldingRange":       map[string]any{"lineFoldingOnly": true},
		"publishDiagnostics": map[string]any{"relatedInformation": true, "versionSupport": true},
	},
}
