;;; dockerfile-ls.el --- dockerfile-ls for Eglot and lsp-mode  -*- lexical-binding: t; -*-

;; Author: the dockerfile-ls authors
;; URL: https://github.com/dockerfile-ls/dockerfile-ls
;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools, docker

;;; Commentary:

;; Connects Emacs to dockerfile-ls, a language server for Dockerfiles and
;; Containerfiles (install: `go install .` in a dockerfile-ls checkout).
;;
;;   (require 'dockerfile-ls)
;;   (add-hook 'dockerfile-mode-hook #'eglot-ensure)      ; Eglot
;;   ;; or
;;   (add-hook 'dockerfile-mode-hook #'lsp-deferred)      ; lsp-mode
;;
;; Loading this file:
;; - maps Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*
;;   and Containerfile.* to `dockerfile-mode' (or `dockerfile-ts-mode' when
;;   only that one is available);
;; - adds an `eglot-server-programs' entry for both modes, once Eglot loads;
;; - registers an lsp-mode client, once lsp-mode loads.
;; Server settings are the `dockerfile-ls-*' options below; they are sent as
;; initializationOptions and workspace/didChangeConfiguration under the
;; "dockerfile-ls" key.

;;; Code:

(require 'cl-lib)

(defgroup dockerfile-ls nil
  "The dockerfile-ls language server."
  :group 'tools
  :link '(url-link "https://github.com/dockerfile-ls/dockerfile-ls"))

(defcustom dockerfile-ls-command '("dockerfile-ls" "--stdio")
  "Command line that starts the server, as a list of strings."
  :type '(repeat string))

(defcustom dockerfile-ls-locale "auto"
  "Language of hover and completion documentation: auto, en or ru."
  :type '(choice (const "auto") (const "en") (const "ru")))

(defcustom dockerfile-ls-diagnostics t
  "Non-nil to report diagnostics (BuildKit checks and parse errors)."
  :type 'boolean)

(defcustom dockerfile-ls-context ""
  "Build context directory for COPY/ADD completion and .dockerignore checks.
Empty means the Dockerfile's own directory."
  :type 'string)

(defconst dockerfile-ls-file-regexp
  (rx (or bos "/")
      (or (seq (or "Dockerfile" "Containerfile") (? "." (+ (not (any "/")))))
          (seq (+ (not (any "/"))) "." (or "Dockerfile" "dockerfile")))
      eos)
  "File names that are Dockerfiles: Dockerfile, Containerfile, *.Dockerfile,
*.dockerfile, Dockerfile.* and Containerfile.*.")

(defun dockerfile-ls-settings ()
  "The server settings, as a plist under the :dockerfile-ls key."
  (list :dockerfile-ls
        (list :locale dockerfile-ls-locale
              :diagnostics (if dockerfile-ls-diagnostics t :json-false)
              :context dockerfile-ls-context)))

(defun dockerfile-ls--mode ()
  "The major mode to use for Dockerfiles."
  (cond ((fboundp 'dockerfile-mode) 'dockerfile-mode)
        ((and (fboundp 'dockerfile-ts-mode)
              (fboundp 'treesit-language-available-p)
              (treesit-language-available-p 'dockerfile))
         'dockerfile-ts-mode)
        (t 'dockerfile-mode)))

(add-to-list 'auto-mode-alist (cons dockerfile-ls-file-regexp (dockerfile-ls--mode)))

;;;; Eglot

(defun dockerfile-ls-eglot-contact (&optional _interactive)
  "The Eglot contact: the command plus initializationOptions."
  (append dockerfile-ls-command
          (list :initializationOptions (dockerfile-ls-settings))))

(defun dockerfile-ls-eglot-workspace-configuration (&optional _server)
  "Value for `eglot-workspace-configuration' in Dockerfile buffers."
  (dockerfile-ls-settings))

(defvar eglot-server-programs)
(with-eval-after-load 'eglot
  ;; Ahead of Eglot's own dockerfile-mode entry (docker-langserver).
  (add-to-list 'eglot-server-programs
               '(((dockerfile-mode :language-id "dockerfile")
                  (dockerfile-ts-mode :language-id "dockerfile"))
                 . dockerfile-ls-eglot-contact)))

(defun dockerfile-ls--set-eglot-configuration ()
  "Give the buffer's Eglot session the dockerfile-ls settings."
  (unless (local-variable-p 'eglot-workspace-configuration)
    (setq-local eglot-workspace-configuration
                #'dockerfile-ls-eglot-workspace-configuration)))

(add-hook 'dockerfile-mode-hook #'dockerfile-ls--set-eglot-configuration)
(add-hook 'dockerfile-ts-mode-hook #'dockerfile-ls--set-eglot-configuration)

;;;; lsp-mode

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")
(declare-function lsp--set-configuration "lsp-mode")
(declare-function lsp-configuration-section "lsp-mode")
(declare-function lsp-register-custom-settings "lsp-mode")
(defvar lsp-language-id-configuration)
(defvar lsp--cur-workspace)

(with-eval-after-load 'lsp-mode
  (add-to-list 'lsp-language-id-configuration '(dockerfile-mode . "dockerfile"))
  (add-to-list 'lsp-language-id-configuration '(dockerfile-ts-mode . "dockerfile"))
  (lsp-register-custom-settings
   '(("dockerfile-ls.locale" dockerfile-ls-locale)
     ("dockerfile-ls.diagnostics" dockerfile-ls-diagnostics t)
     ("dockerfile-ls.context" dockerfile-ls-context)))
  ;; lsp-mode's own `dockerfile-ls' id belongs to docker-langserver (Node);
  ;; this client has its own id and a higher priority.
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection (lambda () dockerfile-ls-command))
    :activation-fn (lsp-activate-on "dockerfile")
    :major-modes '(dockerfile-mode dockerfile-ts-mode)
    :priority 1
    :server-id 'dockerfile-ls-go
    :initialization-options (lambda () (dockerfile-ls-settings))
    :initialized-fn (lambda (workspace)
                      (let ((lsp--cur-workspace workspace))
                        (lsp--set-configuration
                         (lsp-configuration-section "dockerfile-ls")))))))

(provide 'dockerfile-ls)
;;; dockerfile-ls.el ends here
