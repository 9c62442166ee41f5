# The cached Debian 13 root of run-in-trixie, sourced by it. Expects $root (an absolute, canonical path).
# shellcheck shell=bash disable=SC2154
#
# The stamp file is the root's promise to the next run: it exists only while the root is known good (debootstrap and
# scripts/bootstrap finished, nothing mounted in it, nothing running in it, no syslog-ng-mod-defender installed).
# A run removes it before it changes the root's system and writes it back when it leaves the root clean, so a root a
# killed run left behind is removed and made again.

stamp="$root/.defender-trixie-root"
mirror=http://deb.debian.org/debian
recipe="debootstrap --variant=minbase trixie $mirror"

# Runs a command in the root as root, with none of the caller's environment (the host's pyenv python3 must not leak in).
in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

# The processes whose root directory is the root: only ones this test started, since the lock keeps other runs out.
root_pids() {
  local p
  for p in /proc/[0-9]*; do
    if [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ]; then echo "${p#/proc/}"; fi
  done
}

# True once nothing runs in the root, polling for at most $1 seconds.
root_empty_within() {
  local deadline=$((SECONDS + $1))
  while [ -n "$(root_pids)" ]; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# SIGTERM by PID and up to 10 s to exit, then SIGKILL by PID.
stop_root_processes() {
  local pids signal
  for signal in TERM KILL; do
    mapfile -t pids < <(root_pids)
    [ "${#pids[@]}" -gt 0 ] || return 0
    echo "trixie: SIG$signal to what still runs in the root: ${pids[*]}"
    kill -"$signal" "${pids[@]}" 2>/dev/null || true
    if root_empty_within 10; then return 0; fi
  done
  echo "trixie: still running in $root: $(root_pids | tr '\n' ' ')" >&2
  return 1
}

root_mounts() {
  awk -v r="$root" '$5 == r || index($5, r "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# Stops what runs in the root, then unmounts everything mounted under it, innermost first.
release_root() {
  local m
  stop_root_processes || true
  for m in $(root_mounts); do
    umount "$m" || umount -l "$m"
  done
  if [ -n "$(root_mounts)" ]; then
    echo "trixie: still mounted under $root: $(root_mounts)" >&2
    return 1
  fi
}

# Keeps a root whose stamp holds today's recipe; removes anything else at $root and makes the root anew.
ensure_root() {
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$recipe" ]; then
    echo "trixie: reusing the root at $root"
    return 0
  fi
  release_root
  if [ -e "$root" ]; then
    echo "trixie: removing the incomplete or outdated root at $root"
    rm -rf --one-file-system "$root"
  fi
  echo "trixie: $recipe $root"
  local started=$SECONDS
  debootstrap --variant=minbase trixie "$root" "$mirror"
  echo "trixie: debootstrap took $((SECONDS - started)) s"
}

# Writes the stamp when the root is clean again: nothing runs or is mounted in it and the package is not installed.
seal_root() {
  local status
  # shellcheck disable=SC2016 # dpkg-query's own ${field} syntax
  status=$(in_root dpkg-query -W -f='${db:Status-Status}' syslog-ng-mod-defender 2>/dev/null || true)
  if [ -n "$status" ] && [ "$status" != not-installed ]; then
    echo "trixie: syslog-ng-mod-defender is $status in the root, which is made anew next time" >&2
    release_root || true
    return 1
  fi
  release_root && echo "$recipe" >"$stamp"
}
