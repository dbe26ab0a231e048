#!/bin/sh
# Builds a Debian package of spp-check from a release binary and its manual page: files under
# /usr (by packaging/install.sh), a control file depending on libyaml-0-2 and on the other
# shared libraries the binary links (read off with ldd, mapped to their packages with dpkg -S).
# Usage: packaging/deb.sh BINARY MANPAGE OUTDIR   → OUTDIR/spp-check_VERSION_ARCH.deb
set -eu
bin=$1 man=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
version=$("$bin" --version | sed 's/^[^0-9]*//; s/[^0-9A-Za-z.+~-].*$//')
[ -n "$version" ] || version=0.0.0
arch=$(dpkg --print-architecture)
stage=$(mktemp -d "${TMPDIR:-/tmp}/spp-check-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
chmod 0755 "$stage"
sh "$here/install.sh" "$bin" "$man" "$stage/usr" >/dev/null
# The manual page is compressed, as Debian's policy asks (§12.1).
gzip -9n "$stage/usr/share/man/man1/spp-check.1"
# Depends: libyaml-0-2 by name; every other shared library ldd finds, by the package that holds it.
depends="libyaml-0-2"
for lib in $(ldd "$bin" | awk '/=> \// { print $3 }'); do
  pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n1 | cut -d: -f1) || pkg=""
  [ -z "$pkg" ] && pkg=$(dpkg -S "$lib" 2>/dev/null | head -n1 | cut -d: -f1) || true
  case "$pkg" in ""|libyaml-0-2) ;; *) case ",$depends," in *", $pkg,"*|*",$pkg,"*) ;; *) depends="$depends, $pkg" ;; esac ;; esac
done
size=$(du -sk "$stage/usr" | cut -f1)
mkdir -p "$stage/DEBIAN" "$out"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: spp-check
Version: $version
Architecture: $arch
Maintainer: spp-check maintainers <spp-check@localhost>
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: check shared public services against the principles of public service
 spp-check evaluates a service plan and its contributor roster (volunteer
 firefighters, parent-run creches, carpool lines, expert patients) against
 YAML rule packs for continuity, equality and risk coverage, and reports
 every finding at the file, line and column it comes from.
CONTROL
deb="$out/spp-check_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build -Zxz -z1 "$stage" "$deb.tmp" >/dev/null
mv "$deb.tmp" "$deb"
echo "$deb"
