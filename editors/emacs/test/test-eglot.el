;;; test-eglot.el --- batch test: Eglot + dockerfile-ls.el against the real server  -*- lexical-binding: t; -*-

;; emacs --batch -q -l test/test-eglot.el
;; Environment: DLS_EMACS_DIR (editors/emacs), DLS_MODE (default | settings-off),
;; `dockerfile-ls' on PATH, EDITORS_STRICT=1 to fail on not-yet-landed features.
;; Prints one line per check and "N passed, N failed, N skipped"; exits 1 on failure.

(require 'cl-lib)
(require 'subr-x)

(defvar dls-dir (or (getenv "DLS_EMACS_DIR") (error "DLS_EMACS_DIR not set")))
(defvar dls-mode (or (getenv "DLS_MODE") "default"))
(defvar dls-strict (equal (getenv "EDITORS_STRICT") "1"))
(defvar dls-tag (format "emacs %s eglot %s %s" emacs-version
                        (let ((lib (or (locate-library "eglot") "")))
                          (if (string-match "eglot-\\([0-9.]+\\)/" lib) (match-string 1 lib) "built-in"))
                        dls-mode))
(defvar dls-counts (list 0 0 0))

(define-error 'dls-skip "skipped")

(defun dls-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defmacro dls-check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (cl-incf (nth 0 dls-counts))
              (dls-out "ok - %s: %s" dls-tag ,name)
              t)
     (dls-skip (cl-incf (nth 2 dls-counts))
               (dls-out "skip - %s: %s (%s)" dls-tag ,name (cadr err)) nil)
     (error (cl-incf (nth 1 dls-counts))
            (dls-out "not ok - %s: %s: %s" dls-tag ,name (error-message-string err)) nil)))

(defun dls-finish ()
  (dls-out "%d passed, %d failed, %d skipped" (nth 0 dls-counts) (nth 1 dls-counts) (nth 2 dls-counts))
  (kill-emacs (if (> (nth 1 dls-counts) 0) 1 0)))

(defun dls-wait (pred &optional secs)
  "Process events until PRED is non-nil or SECS (10) pass. Returns PRED's value."
  (let ((deadline (+ (float-time) (or secs 10))) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun dls-expect (got want what)
  (unless (equal got want) (error "%s: got %S, want %S" what got want)))

;; Load what a user loads: Debian's dockerfile-mode and Eglot, then ours.
(add-to-list 'load-path dls-dir)
(require 'dockerfile-mode)
(require 'eglot)
(require 'flymake)
(require 'dockerfile-ls)
;; Eglot 1.9 offers markdown hovers only when markdown-mode's gfm-view-mode
;; exists: load it in the default run (a typical setup), not in settings-off,
;; so both the markdown and the plaintext answers get tested.
(unless (equal dls-mode "settings-off") (require 'markdown-mode nil t))
(when (equal dls-mode "settings-off") (setq dockerfile-ls-diagnostics nil))
(setq eglot-sync-connect 10 eglot-connect-timeout 20 eglot-send-changes-idle-time 0.1)

(defvar dls-tmp (file-name-as-directory (make-temp-file "dls-emacs" t)))
;; A project root without version control.
(add-hook 'project-find-functions (lambda (_dir) (cons 'transient dls-tmp)))

(with-temp-file (concat dls-tmp "Dockerfile")
  (insert "FROM alpine as build\nMAINTAINER someone\n\nRUN echo hi\n"))

(defvar dls-buf (find-file-noselect (concat dls-tmp "Dockerfile")))
(defvar dls-server nil)

(defun dls-diags ()
  (with-current-buffer dls-buf
    (flymake-start)
    (flymake-diagnostics)))

(defun dls-find (code)
  (cl-find-if (lambda (d) (string-match-p (regexp-quote (format "[%s]" code)) (flymake-diagnostic-text d)))
              (dls-diags)))

(defun dls-pos (line col)
  (with-current-buffer dls-buf
    (save-excursion (goto-char (point-min)) (forward-line line) (forward-char col) (point))))

(defun dls-needs (cap what)
  (unless (eglot--server-capable cap)
    (let ((msg (format "server does not advertise %s yet (%s not landed)" cap what)))
      (if dls-strict (error "%s" msg) (signal 'dls-skip (list msg))))))

(defun dls-request-at (method line col)
  (with-current-buffer dls-buf
    (save-excursion
      (goto-char (dls-pos line col))
      (jsonrpc-request dls-server method (eglot--TextDocumentPositionParams) :timeout 5))))

(condition-case err
    (with-current-buffer dls-buf
      (dls-check "a file named Dockerfile opens in dockerfile-mode"
        (dls-expect major-mode 'dockerfile-mode "major-mode"))

      (dls-check "Eglot guesses dockerfile-ls with languageId dockerfile"
        (let ((contact (eglot--guess-contact)))
          (dls-expect (nth 4 contact) "dockerfile" "language id")
          (dls-expect (seq-take (nth 3 contact) 2) '("dockerfile-ls" "--stdio") "command")
          (unless (memq :initializationOptions (nth 3 contact))
            (error "no :initializationOptions in %S" (nth 3 contact)))))

      (unless (dls-check "eglot connects and initializes the server"
                (apply #'eglot (eglot--guess-contact))
                (setq dls-server (dls-wait #'eglot-current-server))
                (unless dls-server (error "no server for the buffer"))
                (unless (eglot--server-capable :textDocumentSync) (error "no textDocumentSync"))
                (let ((info (ignore-errors (eglot--server-info dls-server))))
                  (when info (dls-expect (plist-get info :name) "dockerfile-ls" "serverInfo.name"))))
        (dls-finish))

      (if (equal dls-mode "settings-off")
          (progn
            (dls-check "diagnostics nil (initializationOptions) shows no diagnostics"
              (dls-wait #'dls-diags 1.5)
              (dls-expect (length (dls-diags)) 0 "diagnostics with dockerfile-ls-diagnostics nil"))
            (dls-check "didChangeConfiguration with diagnostics t brings them back"
              (setq dockerfile-ls-diagnostics t)
              (eglot-signal-didChangeConfiguration dls-server)
              (unless (dls-wait (lambda () (dls-find "MaintainerDeprecated")))
                (error "diagnostics: %S" (mapcar #'flymake-diagnostic-text (dls-diags))))))
        (dls-check "flymake shows MaintainerDeprecated and FromAsCasing from the server"
          (unless (dls-wait (lambda () (and (dls-find "MaintainerDeprecated") (dls-find "FromAsCasing"))))
            (error "diagnostics: %S" (mapcar #'flymake-diagnostic-text (dls-diags))))
          (let ((m (dls-find "MaintainerDeprecated")) (f (dls-find "FromAsCasing")))
            (dls-expect (flymake-diagnostic-type m) 'eglot-warning "type")
            (unless (string-prefix-p "buildkit" (flymake-diagnostic-text m))
              (error "source: %s" (flymake-diagnostic-text m)))
            (dls-expect (flymake-diagnostic-beg m) (dls-pos 1 0) "MaintainerDeprecated beg")
            (dls-expect (flymake-diagnostic-end m) (dls-pos 1 10) "MaintainerDeprecated end")
            (dls-expect (flymake-diagnostic-beg f) (dls-pos 0 12) "FromAsCasing beg"))))

      (let ((kind (if (fboundp 'gfm-view-mode) "markdown" "plaintext")))
        (dls-check (format "hover on FROM is %s (what Eglot offered) that mentions FROM" kind)
          (dls-needs :hoverProvider "hover")
          (let* ((h (dls-request-at :textDocument/hover 0 1))
                 (c (plist-get h :contents)))
            (dls-expect (plist-get c :kind) kind "contents.kind")
            (unless (string-match-p "FROM" (plist-get c :value)) (error "hover: %S" c)))))

      (dls-check "completion on the empty line after FROM offers RUN and COPY"
        (dls-needs :completionProvider "completion")
        (let* ((r (dls-request-at :textDocument/completion 2 0))
               (items (if (vectorp r) r (plist-get r :items)))
               (labels (mapcar (lambda (i) (plist-get i :label)) items)))
          (unless (and (member "RUN" labels) (member "COPY" labels)) (error "labels: %S" labels))))

      (unless (equal dls-mode "settings-off")
        (dls-check "editing the buffer (didChange) updates diagnostics"
          (goto-char (dls-pos 1 0))
          (delete-region (point) (dls-pos 2 0))
          (eglot--signal-textDocument/didChange)
          (unless (dls-wait (lambda () (and (not (dls-find "MaintainerDeprecated")) (dls-find "FromAsCasing"))))
            (error "after the edit: %S" (mapcar #'flymake-diagnostic-text (dls-diags))))))

      (dls-check "Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*, Containerfile.* open in dockerfile-mode"
        (let (bad)
          (dolist (name '("Containerfile" "app.Dockerfile" "app.dockerfile" "Dockerfile.dev" "Containerfile.prod"))
            (with-temp-file (concat dls-tmp name) (insert "FROM alpine\n"))
            (with-current-buffer (find-file-noselect (concat dls-tmp name))
              (unless (eq major-mode 'dockerfile-mode) (push (format "%s -> %s" name major-mode) bad))))
          (when bad (error "%s" (string-join bad ", ")))))

      (dls-check "eglot-shutdown: the server answers shutdown and its process ends"
        ;; jsonrpc.el deletes the process right after the exit notification,
        ;; so whether the server would have exited by itself is not observable here.
        (let ((proc (jsonrpc--process dls-server)))
          (eglot-shutdown dls-server nil 3) ; signals if shutdown is not answered
          (unless (dls-wait (lambda () (not (process-live-p proc))) 5)
            (error "server process still alive")))))
  (error (cl-incf (nth 1 dls-counts))
         (dls-out "not ok - %s: test script error: %s" dls-tag (error-message-string err))))

(dls-finish)
