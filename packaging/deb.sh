#!/usr/bin/env bash
# Builds the Debian package: the release binary, then the files it generates from its own
# definitions (desktop entry, icons, MIME type, man pages, shell completions) into
# target/packaging/, then `cargo deb`, which packs what [package.metadata.deb] in Cargo.toml
# lists. Extra arguments go to `cargo deb` (e.g. `--install`). Needs `cargo install cargo-deb`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cargo build --release --locked
stance="${CARGO_TARGET_DIR:-target}/release/stance"
out=target/packaging
rm -rf "$out"

# The same files `stance desktop install` writes for one user, here for /usr/share. The entry
# starts `stance` from PATH; the package's triggers (shared-mime-info, desktop-file-utils,
# hicolor-icon-theme) refresh the databases, so no tool runs here.
"$stance" desktop install --data-dir "$out/share" --exec stance --no-refresh >/dev/null
"$stance" manpage --dir "$out/man/man1" >/dev/null
mkdir -p "$out/completions"
"$stance" completions bash >"$out/completions/stance"
"$stance" completions zsh >"$out/completions/_stance"
"$stance" completions fish >"$out/completions/stance.fish"

# --no-strip: the release profile already strips debug info but keeps the symbol table, so a
# panic's backtrace names the function; cargo-deb's own strip would remove the symbols too.
cargo deb --no-build --no-strip "$@"
