#!/usr/bin/env bash
# Install the real consumers the report tests feed our output to, once:
#   - Microsoft's SARIF Multitool (npm) validates SARIF with GitHub's ingestion rules;
#   - Graphviz `dot` (Debian) renders `--format dot` graphs and the docs build's architecture picture;
#   - Mermaid's CLI `mmdc` (npm) with Debian's chromium renders Mermaid graphs;
#   - cmark-gfm (Debian), GitHub's own markdown parser, reads `--format markdown`;
#   - azure-pipelines-task-lib (npm), whose taskcommand.js parses `--format azure` lines.
# npm packages go into .consumers/ in the project (git-ignored), never globally.
# Idempotent and fast when everything is there: it only checks and exits.
# Usage: tests/install_consumers.sh   (as root, or with sudo available, for apt-get)
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=.consumers
NPM_PACKAGES=(
  "@microsoft/sarif-multitool-linux@5.7.0"
  "@mermaid-js/mermaid-cli@11.17.0"   # 12.x needs node >= 22.13; Debian 12 ships node 20
  "mermaid@11.17.2"                    # pinned: the renderer the escaping tests were written against
  "puppeteer@24.43.1"                  # mermaid-cli's peer; its browser download is skipped
  "azure-pipelines-task-lib@5.281.0"   # the Azure Pipelines agent's own parser of ##vso logging commands
)
APT_PACKAGES=(graphviz chromium cmark-gfm)

apt_missing=()
command -v dot >/dev/null 2>&1 || apt_missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
command -v cmark-gfm >/dev/null 2>&1 || apt_missing+=(cmark-gfm)
if [ "${#apt_missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" fonts-dejavu-core >/dev/null
fi

stamp="$PREFIX/.installed"
wanted="${NPM_PACKAGES[*]}"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ] \
   || [ ! -x "$PREFIX/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool" ] \
   || [ ! -x "$PREFIX/node_modules/.bin/mmdc" ] \
   || [ ! -f "$PREFIX/node_modules/azure-pipelines-task-lib/taskcommand.js" ]; then
  mkdir -p "$PREFIX"
  [ -f "$PREFIX/package.json" ] || echo '{"name": "flasklint-consumers", "private": true}' > "$PREFIX/package.json"
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$PREFIX" --save-exact --no-audit --no-fund --loglevel=error "${NPM_PACKAGES[@]}"
  printf '%s' "$wanted" > "$stamp"
fi
echo "consumers ready: $PREFIX/node_modules/.bin/{sarif-multitool-linux,mmdc}, $(command -v dot), $(command -v chromium), $(command -v cmark-gfm)"
