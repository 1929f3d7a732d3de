package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// showAt prints both servers' raw answers at FILE:LINE:COL (1-based,
// UTF-16 column), for reading one finding closely. With no column it
// prints the whole-file answers (symbols, folding, diagnostics).
func showAt(spec string, ourCmd, theirCmd []string, timeout time.Duration, w io.Writer) error {
	parts := strings.Split(spec, ":")
	path, line, col := parts[0], 0, 0
	if len(parts) > 1 {
		line, _ = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 {
		col, _ = strconv.Atoi(parts[2])
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	uri, dir := fileURI(abs), filepath.Dir(abs)
	doc := map[string]any{"uri": uri}
	at := map[string]any{"textDocument": doc, "position": position{Line: line - 1, Character: col - 1}}
	rename := map[string]any{"textDocument": doc, "position": at["position"], "newName": renameTo}
	compl := map[string]any{"textDocument": doc, "position": at["position"], "context": map[string]any{"triggerKind": 1}}
	var queries [][2]any
	if col > 0 {
		queries = [][2]any{{"textDocument/hover", at}, {"textDocument/definition", at},
			{"textDocument/documentHighlight", at}, {"textDocument/prepareRename", at},
			{"textDocument/rename", rename}, {"textDocument/completion", compl}}
	} else {
		queries = [][2]any{{"textDocument/documentSymbol", map[string]any{"textDocument": doc}},
			{"textDocument/foldingRange", map[string]any{"textDocument": doc}}}
	}
	for _, side := range []struct {
		name string
		argv []string
	}{{"ours", ourCmd}, {"incumbent", theirCmd}} {
		c, err := startClient(side.name, side.argv, dir, io.Discard)
		if err != nil {
			return err
		}
		if err := initialize(c, dir, timeout); err != nil {
			return err
		}
		diags := c.expectDiagnostics(uri)
		_ = c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": uri, "languageId": "dockerfile", "version": 1, "text": string(b)}})
		select {
		case ds := <-diags:
			if col == 0 {
				for _, d := range ds {
					fmt.Fprintf(w, "%s diagnostic: %s\n", side.name, diagView(d))
				}
			}
		case <-time.After(timeout):
		}
		for _, q := range queries {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			var raw json.RawMessage
			err := c.call(ctx, q[0].(string), q[1], &raw)
			cancel()
			if err != nil {
				raw = json.RawMessage(strconv.Quote(err.Error()))
			}
			fmt.Fprintf(w, "%s %s: %s\n", side.name, q[0], clip(string(raw), 1500))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c.shutdown(ctx)
		cancel()
	}
	return nil
}
