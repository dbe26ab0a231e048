#!/bin/sh
# Installs spp-check under a root: the binary in bin/, its manual page in share/man/man1/, and
# bash, zsh and fish completions where each shell looks for them (docs/install.md). The
# completions come from the binary itself (--generate-completion-script), so they always match it.
# Usage: packaging/install.sh BINARY MANPAGE ROOT   (ROOT is $(DESTDIR)$(PREFIX), e.g. /usr/local)
set -eu
bin=$1 man=$2 root=$3
for f in "$bin" "$man"; do
  [ -f "$f" ] || { echo "packaging/install.sh: error: no such file '$f'" >&2; exit 2; }
done
install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 0755 "$bin" "$root/bin/spp-check"
install -m 0644 "$man" "$root/share/man/man1/spp-check.1"
# Each file is written beside its place and moved in, so a failed run leaves no half file.
completion() { # shell, destination
  "$bin" --generate-completion-script "$1" > "$2.tmp" && [ -s "$2.tmp" ] && mv "$2.tmp" "$2" && chmod 0644 "$2"
}
completion bash "$root/share/bash-completion/completions/spp-check"
completion zsh "$root/share/zsh/site-functions/_spp-check"
completion fish "$root/share/fish/vendor_completions.d/spp-check.fish"
echo "installed spp-check in $root/bin, its manual page and bash, zsh and fish completions"
