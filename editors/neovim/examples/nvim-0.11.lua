-- dockerfile-ls on Neovim 0.11+ with the built-in LSP configuration API.
-- Put this in init.lua (needs `dockerfile-ls` on PATH:
-- `go install .` in a dockerfile-ls checkout; after a release: go install github.com/dockerfile-ls/dockerfile-ls@latest).

-- Neovim detects Dockerfile, Containerfile, *.Dockerfile and *.dockerfile;
-- make Dockerfile.* and Containerfile.* (Dockerfile.dev, …) Dockerfiles too.
vim.filetype.add({
  pattern = {
    ['Dockerfile%..*'] = 'dockerfile',
    ['Containerfile%..*'] = 'dockerfile',
  },
})

vim.lsp.config('dockerfile_ls', {
  cmd = { 'dockerfile-ls', '--stdio' },
  filetypes = { 'dockerfile' },
  root_markers = { 'Dockerfile', 'Containerfile', '.git' },
  init_options = {
    ['dockerfile-ls'] = { locale = 'auto', diagnostics = true, context = '' },
  },
  settings = {
    ['dockerfile-ls'] = { locale = 'auto', diagnostics = true, context = '' },
  },
})
vim.lsp.enable('dockerfile_ls')
