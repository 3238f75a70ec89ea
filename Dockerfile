# tally: build with Diesel's MySQL/MariaDB backend, run on a small Debian image.
#   docker build -t tally:dev .
# The runtime image holds the binary (migrations and templates are compiled in) and static/
# (deploy.sh copies it out for nginx). It listens on 8080 as the user `tally`.

# ---- build ---------------------------------------------------------------------------------
FROM rust:1.95-bookworm AS build

# Diesel's `mysql` feature links against the MariaDB client library.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends default-libmysqlclient-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Dependencies first, in their own layer: it is rebuilt only when Cargo.toml/Cargo.lock change.
# The workspace names the benchmark crate (bench/), so Cargo needs its manifest and a stub
# source to read the workspace; it is never built here (the app is the only default member).
COPY Cargo.toml Cargo.lock ./
COPY bench/Cargo.toml bench/Cargo.toml
RUN mkdir -p src bench/src \
    && echo 'fn main() {}' > src/main.rs \
    && echo 'fn main() {}' > bench/src/main.rs \
    && touch src/lib.rs \
    && cargo build --release --locked --features mysql --bin tally \
    && rm -rf src target/release/.fingerprint/tally-* target/release/deps/tally-* \
        target/release/deps/libtally-* target/release/tally target/release/libtally.*

# Then the crate itself (templates, migrations and static files are compiled into the binary).
COPY migrations migrations
COPY templates templates
COPY static static
COPY src src
RUN cargo build --release --locked --features mysql --bin tally \
    && install -m 0755 target/release/tally /usr/local/bin/tally

# ---- runtime -------------------------------------------------------------------------------
FROM debian:bookworm-slim

# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmariadb3 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 tally \
    && useradd --system --uid 10001 --gid tally --home-dir /var/lib/tally --create-home \
        --shell /usr/sbin/nologin tally

COPY --from=build /usr/local/bin/tally /usr/local/bin/tally
COPY static /usr/share/tally/static

USER 10001:10001
WORKDIR /var/lib/tally

ENV TALLY_BIND=0.0.0.0:8080 \
    RUST_LOG=info,diesel=warn

EXPOSE 8080

# `tally healthcheck` GETs /readyz on TALLY_BIND: no curl in the image.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["tally", "healthcheck"]

# SIGTERM: stop accepting, finish in-flight requests (up to 30 s), exit.
STOPSIGNAL SIGTERM
CMD ["tally", "serve"]
