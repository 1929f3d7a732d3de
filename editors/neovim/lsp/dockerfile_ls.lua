-- Neovim 0.11+ reads this file for vim.lsp.enable('dockerfile_ls') when it is
-- on 'runtimepath' (copy it to ~/.config/nvim/lsp/dockerfile_ls.lua, or add
-- this folder to the runtimepath). Settings: locale = auto|en|ru,
-- diagnostics = true|false, context = build context directory.
local settings = { locale = 'auto', diagnostics = true, context = '' }
return {
  cmd = { 'dockerfile-ls', '--stdio' },
  filetypes = { 'dockerfile' },
  root_markers = { 'Dockerfile', 'Containerfile', '.git' },
  init_options = { ['dockerfile-ls'] = settings },
  settings = { ['dockerfile-ls'] = settings },
}
