;;; test-lsp-mode.el --- batch test: lsp-mode + dockerfile-ls.el against the real server  -*- lexical-binding: t; -*-

;; emacs --batch -q -l test/test-lsp-mode.el
;; Environment: DLS_EMACS_DIR (editors/emacs), `dockerfile-ls' on PATH,
;; EDITORS_STRICT=1 to fail on not-yet-landed features.
;; Prints one line per check and "N passed, N failed, N skipped"; exits 1 on failure.

(require 'cl-lib)
(require 'subr-x)

(defvar dls-dir (or (getenv "DLS_EMACS_DIR") (error "DLS_EMACS_DIR not set")))
(defvar dls-strict (equal (getenv "EDITORS_STRICT") "1"))
(defvar dls-tag (format "emacs %s lsp-mode %s" emacs-version
                        (let ((lib (or (locate-library "lsp-mode") "")))
                          (if (string-match "lsp-mode-\\([0-9.]+\\)/" lib) (match-string 1 lib) "?"))))
(defvar dls-counts (list 0 0 0))
(define-error 'dls-skip "skipped")

(defun dls-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defmacro dls-check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (cl-incf (nth 0 dls-counts))
              (dls-out "ok - %s: %s" dls-tag ,name) t)
     (dls-skip (cl-incf (nth 2 dls-counts))
               (dls-out "skip - %s: %s (%s)" dls-tag ,name (cadr err)) nil)
     (error (cl-incf (nth 1 dls-counts))
            (dls-out "not ok - %s: %s: %s" dls-tag ,name (error-message-string err)) nil)))

(defun dls-finish ()
  (dls-out "%d passed, %d failed, %d skipped" (nth 0 dls-counts) (nth 1 dls-counts) (nth 2 dls-counts))
  (kill-emacs (if (> (nth 1 dls-counts) 0) 1 0)))

(defun dls-wait (pred &optional secs)
  (let ((deadline (+ (float-time) (or secs 10))) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun dls-expect (got want what)
  (unless (equal got want) (error "%s: got %S, want %S" what got want)))

(defvar dls-tmp (file-name-as-directory (make-temp-file "dls-lsp" t)))
(setq lsp-session-file (concat dls-tmp ".lsp-session")
      lsp-enable-file-watchers nil
      lsp-keep-workspace-alive nil
      lsp-restart 'ignore
      lsp-enable-snippet nil
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-workspace-status-enable nil
      lsp-modeline-diagnostics-enable nil
      lsp-idle-delay 0.1
      lsp-log-io nil)

(add-to-list 'load-path dls-dir)
(require 'dockerfile-mode)
(require 'lsp-mode)
(require 'dockerfile-ls)

(with-temp-file (concat dls-tmp "Dockerfile")
  (insert "FROM alpine as build\nMAINTAINER someone\n\nRUN echo hi\n"))
(lsp-workspace-folders-add dls-tmp)
(defvar dls-buf (find-file-noselect (concat dls-tmp "Dockerfile")))

(defun dls-diags ()
  (with-current-buffer dls-buf
    (gethash (lsp--fix-path-casing buffer-file-name) (lsp-diagnostics t))))

(defun dls-find (code)
  (cl-find-if (lambda (d) (equal (gethash "code" d) code)) (dls-diags)))

(defun dls-needs (cap what)
  (unless (lsp--capability cap)
    (let ((msg (format "server does not advertise %s yet (%s not landed)" cap what)))
      (if dls-strict (error "%s" msg) (signal 'dls-skip (list msg))))))

(defun dls-request-at (method line col)
  (with-current-buffer dls-buf
    (lsp-request method (list :textDocument (list :uri (lsp--buffer-uri))
                              :position (list :line line :character col)))))

(condition-case err
    (with-current-buffer dls-buf
      (unless (dls-check "lsp-mode picks the dockerfile-ls-go client and initializes it"
                (lsp)
                (unless (dls-wait (lambda ()
                                    (cl-some (lambda (w) (eq (lsp--workspace-status w) 'initialized))
                                             (lsp-workspaces))))
                  (error "no initialized workspace; workspaces %S" (lsp-workspaces)))
                (dls-expect (lsp--client-server-id (lsp--workspace-client (car (lsp-workspaces))))
                            'dockerfile-ls-go "server id"))
        (dls-finish))

      (dls-check "lsp-diagnostics has MaintainerDeprecated and FromAsCasing"
        (unless (dls-wait (lambda () (and (dls-find "MaintainerDeprecated") (dls-find "FromAsCasing"))))
          (error "diagnostics: %S" (dls-diags)))
        (let* ((m (dls-find "MaintainerDeprecated"))
               (start (gethash "start" (gethash "range" m))))
          (dls-expect (gethash "severity" m) 2 "severity")
          (dls-expect (gethash "source" m) "buildkit" "source")
          (dls-expect (list (gethash "line" start) (gethash "character" start)) '(1 0) "start")))

      (dls-check "hover on FROM is markdown that mentions FROM"
        (dls-needs "hoverProvider" "hover")
        (let* ((h (dls-request-at "textDocument/hover" 0 1))
               (c (gethash "contents" h)))
          (dls-expect (gethash "kind" c) "markdown" "contents.kind")
          (unless (string-match-p "FROM" (gethash "value" c)) (error "hover: %S" (gethash "value" c)))))

      (dls-check "completion on the empty line after FROM offers RUN and COPY"
        (dls-needs "completionProvider" "completion")
        (let* ((r (dls-request-at "textDocument/completion" 2 0))
               (items (if (hash-table-p r) (gethash "items" r) r))
               (labels (mapcar (lambda (i) (gethash "label" i)) items)))
          (unless (and (member "RUN" labels) (member "COPY" labels)) (error "labels: %S" labels))))

      (dls-check "lsp-workspace-shutdown ends the server"
        (let ((proc (lsp--workspace-proc (car (lsp-workspaces)))))
          (lsp-workspace-shutdown (car (lsp-workspaces)))
          (unless (dls-wait (lambda () (not (process-live-p proc))) 5)
            (error "server process still alive")))))
  (error (cl-incf (nth 1 dls-counts))
         (dls-out "not ok - %s: test script error: %s" dls-tag (error-message-string err))))

(dls-finish)
