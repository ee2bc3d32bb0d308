#!/usr/bin/env bash
# Builds the base image of the serverless-stack server image without pulling
# anything: no registry is reachable on our machines nor in CI, so the image is
# assembled from the local JDK (a jlink'ed runtime) and the few host libraries
# that runtime links against, then loaded with `docker import`.
#
# usage: build-offline-base.sh [--force] [IMAGE]     (IMAGE default serverless-stack/jre-base:17)
# env:   JAVA_HOME    JDK whose jmods are linked (default /usr/lib/jvm/java-17-openjdk-amd64)
#        JRE_MODULES  comma-separated module list, overrides the default below
set -euo pipefail

FORCE=false
IMAGE=""
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=true ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "build-offline-base: unknown option $arg" >&2; exit 2 ;;
    *) IMAGE="$arg" ;;
  esac
done
IMAGE=${IMAGE:-serverless-stack/jre-base:17}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}

# What a Netty + Jackson + AWS SDK v2 server needs, checked with jdeps on such a
# shaded jar and by running it. Deliberately absent: java.desktop (14 MB; Jackson
# only probes java.beans and copes without it), jdk.jfr (Netty probes it and
# copes), java.security.jgss (only Apache HttpClient's Kerberos auth), jdk.localedata.
# java.sql is here because Jackson's date (de)serializers refer to java.sql types
# and it costs ~150 KB on top of java.xml.
DEFAULT_MODULES=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs
MODULES=${JRE_MODULES:-$DEFAULT_MODULES}

# The unprivileged user the server runs as (Dockerfile: USER 10001).
APP_UID=10001
APP_USER=stack

if ! docker info >/dev/null 2>&1; then
  echo "build-offline-base: no Docker engine answers (try .ci/docker-engine.sh)" >&2
  exit 1
fi

# Re-runs must be cheap: the image only depends on the JDK, which rarely changes.
if ! $FORCE && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-offline-base: $IMAGE already exists (use --force to rebuild)" >&2
  exit 0
fi

if [ ! -x "$JAVA_HOME/bin/jlink" ] || [ ! -d "$JAVA_HOME/jmods" ]; then
  echo "build-offline-base: $JAVA_HOME has no jlink or no jmods (Debian: openjdk-17-jdk-headless)" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/jre-base.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
JRE=$ROOTFS/opt/java
mkdir -p "$ROOTFS"/{opt,etc,tmp,home/$APP_USER,lib64,lib/x86_64-linux-gnu}

echo "build-offline-base: jlink $MODULES" >&2
# No default CDS archive: the server image dumps its own, of exactly the JDK and
# application classes a request touches, which starts faster than the JDK's
# default archive and keeps the image under 80 MB. --compress=2 halves
# lib/modules (33 -> 15 MB) and, with CDS, measured no slower to start.
"$JAVA_HOME/bin/jlink" \
  --module-path "$JAVA_HOME/jmods" \
  --add-modules "$MODULES" \
  --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$JRE" >/dev/null
# Symbol tables are only for debuggers; dropping them saves ~3 MB of libjvm.so.
if command -v strip >/dev/null 2>&1; then
  find "$JRE" -name '*.so' -exec strip --strip-unneeded {} +
  strip --strip-unneeded "$JRE/bin/java" "$JRE/lib/jspawnhelper" 2>/dev/null || true
fi

# Host libraries the runtime links against (libc, libm, libz, libstdc++, the
# loader ...). libpthread/libdl/librt are stubs in glibc >= 2.34 but JNI
# libraries built against older glibc (e.g. Netty's native epoll, which is
# unpacked to /tmp at run time) still ask for them by name.
LIBDIR=$(dirname "$(ldd "$JRE/bin/java" | awk '$1 == "libc.so.6" {print $3}')")
copy_lib() {
  local src=$1 dest=$ROOTFS$1
  [ -e "$dest" ] && return 0
  mkdir -p "$(dirname "$dest")"
  cp -L "$src" "$dest"
}
while read -r lib; do
  copy_lib "$lib"
done < <(
  find "$JRE" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) -print0 |
    xargs -0 ldd 2>/dev/null |
    awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $1 !~ /:$/ {print $1}' |
    grep -v "^$WORK/" | sort -u
)
for extra in libpthread.so.0 libdl.so.2 librt.so.1 libresolv.so.2; do
  if [ -e "$LIBDIR/$extra" ]; then copy_lib "$LIBDIR/$extra"; fi
done
# On JDK 17 the default charset follows the locale, and without a UTF-8 locale
# it is ASCII. glibc's C.UTF-8 is not compiled in: copy its data (400 KB).
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$ROOTFS/usr/lib/locale"
  cp -a /usr/lib/locale/C.utf8 "$ROOTFS/usr/lib/locale/"
else
  echo "build-offline-base: warning: no /usr/lib/locale/C.utf8, default charset will be ASCII" >&2
fi
# Lets the loader find the libraries where they were copied, whatever its
# compiled-in default search path is.
echo "$LIBDIR" > "$ROOTFS/etc/ld.so.conf"
ldconfig -r "$ROOTFS" 2>/dev/null || true

cat > "$ROOTFS/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
$APP_USER:x:$APP_UID:$APP_UID:serverless-stack:/home/$APP_USER:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
EOF
cat > "$ROOTFS/etc/group" <<EOF
root:x:0:
$APP_USER:x:$APP_UID:
nogroup:x:65534:
EOF
# Without it glibc's lookup order for host names is not the usual one.
echo 'hosts: files dns' > "$ROOTFS/etc/nsswitch.conf"
chmod 1777 "$ROOTFS/tmp"

TAR_OWNER=(--numeric-owner)
if [ "$(id -u)" -eq 0 ]; then
  chown "$APP_UID:$APP_UID" "$ROOTFS/home/$APP_USER"
else
  # Cannot chown without root: record everything as root, home writable by all.
  TAR_OWNER+=(--owner=0 --group=0)
  chmod 1777 "$ROOTFS/home/$APP_USER"
fi

OLD_ID=$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
echo "build-offline-base: importing $IMAGE" >&2
# LANG=C.UTF-8 selects the locale copied above (JDK 17's default charset).
tar -C "$ROOTFS" "${TAR_OWNER[@]}" -c . | docker import \
  --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL io.serverlessstack.jre.modules=$MODULES" \
  --change "LABEL io.serverlessstack.jre.uid=$APP_UID" \
  - "$IMAGE" >/dev/null

# A --force rebuild would otherwise leave the previous base behind, untagged.
# Fails harmlessly while a server image still builds on it.
NEW_ID=$(docker image inspect --format '{{.Id}}' "$IMAGE")
if [ -n "$OLD_ID" ] && [ "$OLD_ID" != "$NEW_ID" ]; then
  docker rmi "$OLD_ID" >/dev/null 2>&1 || true
fi

docker image inspect --format "build-offline-base: built $IMAGE ({{.Size}} bytes)" "$IMAGE"
