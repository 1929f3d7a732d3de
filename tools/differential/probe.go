package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// answers is everything one server said about one file, canonicalised.
// Per-token slices are indexed like the file's tokens.
type answers struct {
	Hover      []string // hoverTitle of each answer
	Definition [][]string
	Highlight  [][]string
	Prepare    []string
	Rename     map[int][]string
	Completion map[int][]string
	Symbols    []symbol
	Folds      []string
	Diags      []diagnostic
	Errors     []string
	Elapsed    time.Duration // time this server took to answer everything
}

// renameTo is the fixed new name every rename asks for: valid as a stage
// name, an ARG/ENV key and a heredoc delimiter.
const renameTo = "renamed"

// prober asks one server about one open document.
type prober struct {
	c       *client
	uri     string
	jobs    int
	timeout time.Duration

	mu     sync.Mutex
	errors []string
}

func (p *prober) ask(method string, params any) json.RawMessage {
	return p.askRefusable(method, params, false)
}

// askRefusable is ask where, if refusable, an error reply means "nothing
// here" (our server refuses a rename with an error, as LSP allows).
func (p *prober) askRefusable(method string, params any, refusable bool) json.RawMessage {
	ctx, cancel := context.WithTimeout(context.Background(), p.timeout)
	defer cancel()
	var raw json.RawMessage
	if err := p.c.call(ctx, method, params, &raw); err != nil {
		var rpcErr *rpcError
		if refusable && errors.As(err, &rpcErr) {
			return nil
		}
		p.mu.Lock()
		if len(p.errors) < 20 {
			p.errors = append(p.errors, fmt.Sprintf("%s %v: %v", method, params, err))
		}
		p.mu.Unlock()
		return nil
	}
	return raw
}

func (p *prober) at(t token) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"uri": p.uri},
		"position":     position{Line: t.Line, Character: t.Col},
	}
}

// each runs f(i) for i in [0,n) on p.jobs goroutines: requests are
// pipelined, so a single-threaded server never waits on a round trip.
func (p *prober) each(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < p.jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// pointQueries asks hover, definition, highlight and prepareRename at
// every token, and completion at the tokens marked for it.
func (p *prober) pointQueries(toks []token, a *answers) {
	a.Hover = make([]string, len(toks))
	a.Definition = make([][]string, len(toks))
	a.Highlight = make([][]string, len(toks))
	a.Prepare = make([]string, len(toks))
	a.Completion = map[int][]string{}
	var cmu sync.Mutex
	p.each(len(toks), func(i int) {
		at := p.at(toks[i])
		a.Hover[i] = hoverTitle(p.ask("textDocument/hover", at))
		a.Definition[i] = locations(p.ask("textDocument/definition", at), p.uri)
		a.Highlight[i] = highlights(p.ask("textDocument/documentHighlight", at))
		a.Prepare[i] = prepareRange(p.askRefusable("textDocument/prepareRename", at, true))
		if toks[i].Complete {
			cp := p.at(toks[i])
			cp["context"] = map[string]any{"triggerKind": 1}
			labels := completionLabels(p.ask("textDocument/completion", cp), toks[i].Kind == "variable")
			cmu.Lock()
			a.Completion[i] = labels
			cmu.Unlock()
		}
	})
}

// renames asks rename at the given tokens.
func (p *prober) renames(toks []token, idx []int, a *answers) {
	a.Rename = map[int][]string{}
	var mu sync.Mutex
	p.each(len(idx), func(k int) {
		i := idx[k]
		params := p.at(toks[i])
		params["newName"] = renameTo
		edits := renameEdits(p.askRefusable("textDocument/rename", params, true), p.uri)
		mu.Lock()
		a.Rename[i] = edits
		mu.Unlock()
	})
}

func (p *prober) wholeFile(a *answers) {
	doc := map[string]any{"textDocument": map[string]any{"uri": p.uri}}
	a.Symbols = symbols(p.ask("textDocument/documentSymbol", doc))
	a.Folds = folds(p.ask("textDocument/foldingRange", doc))
}

// probeFile opens text in both servers, asks both everything, and closes it.
func probeFile(ours, theirs *client, uri, text string, toks []token, jobs int, timeout time.Duration) (o, t *answers) {
	o, t = &answers{}, &answers{}
	ps := []*prober{
		{c: ours, uri: uri, jobs: jobs, timeout: timeout},
		{c: theirs, uri: uri, jobs: jobs, timeout: timeout},
	}
	as := []*answers{o, t}
	both := func(f func(p *prober, a *answers)) {
		var wg sync.WaitGroup
		for k := range ps {
			wg.Add(1)
			go func(k int) {
				defer wg.Done()
				start := time.Now()
				f(ps[k], as[k])
				as[k].Elapsed += time.Since(start)
			}(k)
		}
		wg.Wait()
	}
	both(func(p *prober, a *answers) {
		diags := p.c.expectDiagnostics(uri)
		err := p.c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
		if err != nil {
			p.errors = append(p.errors, "didOpen: "+err.Error())
			return
		}
		select {
		case a.Diags = <-diags:
		case <-time.After(timeout):
			p.errors = append(p.errors, "no diagnostics published within "+timeout.String())
		}
		p.wholeFile(a)
		p.pointQueries(toks, a)
	})
	var idx []int
	for i := range toks {
		if o.Prepare[i] != "" || t.Prepare[i] != "" {
			idx = append(idx, i)
		}
	}
	both(func(p *prober, a *answers) {
		p.renames(toks, idx, a)
		_ = p.c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		a.Errors = p.errors
	})
	return o, t
}
