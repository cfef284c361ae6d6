#!/bin/sh
# Install the Debian packages ctrace needs, only when something is missing.
# Usage: scripts/deps.sh build|test
# "build" covers compiling ctrace; "test" adds what `make check` runs.
set -u

need_build="pkg-config libedit-dev python3.11-dev"
need_test="libcmocka-dev mandoc tmux python3.11-dbg"

case "${1:-build}" in
build) wanted=$need_build ;;
test) wanted="$need_build $need_test" ;;
*)
	echo "scripts/deps.sh: unknown set: $1 (use build or test)" >&2
	exit 2
	;;
esac

missing=""
for pkg in $wanted; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
		missing="$missing $pkg"
	fi
done
[ -z "$missing" ] && exit 0

echo "scripts/deps.sh: installing missing packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "scripts/deps.sh: not root and no sudo: install$missing by hand" >&2
		exit 1
	fi
else
	SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2 || exit 1
