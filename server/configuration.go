package server

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// pullConfiguration asks the client for the dockerfile-ls section of its
// settings (workspace/configuration) and applies the answer over what
// initializationOptions and didChangeConfiguration gave. It runs on its own
// goroutine: a call from the read loop would wait on itself.
func (s *Server) pullConfiguration() {
	n := s.configPulls.Add(1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var answer []json.RawMessage
	params := map[string]any{"items": []any{map[string]any{"section": "dockerfile-ls"}}}
	if _, err := s.conn.Call(ctx, "workspace/configuration", params, &answer); err != nil {
		s.log.Debug("workspace/configuration", "error", err)
		return
	}
	if len(answer) == 0 {
		return
	}
	s.stateMu.Lock()
	if s.configPulls.Load() != n || s.state == stateShutdown {
		s.stateMu.Unlock()
		return // a newer request is on its way, or we are done
	}
	var problems []string
	s.settings, problems = mergeSettings(s.settings, answer[0])
	s.stateMu.Unlock()
	s.logSettingsProblems(problems)
	s.settingsChanged()
}

// settingsChanged shows every open document's diagnostics again under the
// new settings: pushed ones are republished (empty when turned off), and a
// client that pulls is asked to pull again when it can be.
func (s *Server) settingsChanged() {
	enabled := s.getSettings().DiagnosticsEnabled()
	for _, d := range s.docs.all() {
		if enabled {
			s.diags.schedule(d, 0)
		} else {
			s.diags.clear(context.Background(), d.uri) // take back what was shown
		}
	}
	if sess := s.getSession(); sess.pullDiags && sess.refreshDiags {
		go func() {
			if _, err := s.conn.Call(context.Background(), "workspace/diagnostic/refresh", nil, nil); err != nil {
				s.log.Debug("workspace/diagnostic/refresh", "error", err)
			}
		}()
	}
}

// logSettingsProblems logs what was wrong with settings a client sent and
// tells the user in a message, since nothing else would; the same problems
// again (pushed, then pulled) are not shown twice in a row.
func (s *Server) logSettingsProblems(problems []string) {
	key := strings.Join(problems, "\n")
	s.problemsMu.Lock()
	repeated := key == s.lastProblems
	s.lastProblems = key
	s.problemsMu.Unlock()
	if repeated {
		return
	}
	for _, p := range problems {
		s.log.Warn("settings", "problem", p)
		s.notifyClient(context.Background(), "window/showMessage", map[string]any{"type": 2, "message": "dockerfile-ls: " + p})
	}
}
