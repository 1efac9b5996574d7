# vpngw-emulator: a local emulator of Alibaba Cloud's VPN Gateway route API.
#
#   docker build -t vpngw-emulator .
#   docker run --rm -p 8428:8428 -v vpngw-data:/data vpngw-emulator
#
# Configuration is by VPNGW_* environment variables (every command-line option has
# one, see the README, "Container"). The database lives in the /data volume; other fixture
# files can be mounted under /fixtures and named in VPNGW_FIXTURES.

# ---------------------------------------------------------------------------- build
FROM swift:6.3-bookworm AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# The CSQLite and CCrypto system-library targets need the SQLite and OpenSSL headers;
# the Swift image has libsqlite3-dev, not libssl-dev.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl-dev libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# Dependencies first, so that a rebuild after a source change reuses this layer.
# Package.resolved is not in the build context (.dockerignore): dependencies resolve
# afresh from the versions Package.swift allows.
COPY Package.swift ./
RUN swift package resolve

COPY Sources ./Sources

# The tests are not in the build context, but SwiftPM refuses a manifest whose test
# targets have no directory: create an empty one for each (names and paths from the
# manifest; SwiftPM then only warns that they have no sources).
RUN swift package dump-package \
    | perl -MJSON::PP -e 'my $m = decode_json(join "", <STDIN>); \
        print map { ($_->{path} // "Tests/$_->{name}") . "\n" } grep { $_->{type} eq "test" } @{$m->{targets}}' \
    | xargs --no-run-if-empty mkdir -p

# Release build with the Swift standard library (and Foundation) linked statically,
# stripped: the runtime image then needs only libc, libstdc++, libsqlite3 and libcrypto.
RUN swift build -c release --static-swift-stdlib --product vpngw-emulator \
 && mkdir -p /staging \
 && cp "$(swift build -c release --show-bin-path)/vpngw-emulator" /staging/ \
 && strip /staging/vpngw-emulator \
 && /staging/vpngw-emulator --version

# -------------------------------------------------------------------------- runtime
FROM debian:bookworm-slim

# Exactly what the binary links dynamically besides libc (checked with ldd):
# libsqlite3.so.0, libcrypto.so.3 (libssl3), libstdc++.so.6, libgcc_s.so.1.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libsqlite3-0 libssl3 libstdc++6 libgcc-s1 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/log/apt/* /var/log/dpkg.log

# A fixed, non-root uid/gid (10001) so that a host directory mounted at /data can be
# given to it: chown 10001:10001 DIR.
RUN groupadd --gid 10001 vpngw \
 && useradd --uid 10001 --gid vpngw --home-dir /data --no-create-home \
            --shell /usr/sbin/nologin vpngw \
 && mkdir -p /data /fixtures /app/fixtures \
 && chown vpngw:vpngw /data \
 && chmod 0750 /data

COPY --from=build /staging/vpngw-emulator /usr/local/bin/vpngw-emulator
# The default fixture is built into the binary; this copy of it is for users who combine it
# with their own (VPNGW_FIXTURES=/app/fixtures/default.json:/fixtures/extra.json).
COPY Sources/vpngw-emulator/Resources/default-fixture.json /app/fixtures/default.json

WORKDIR /app

# Listen on every interface of the container at the default port; keep the database
# in the volume. VPNGW_PORT is also what the healthcheck subcommand calls.
ENV VPNGW_HOST=0.0.0.0 \
    VPNGW_PORT=8428 \
    VPNGW_DB=/data/emulator.sqlite

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8428

# No curl in the image: the binary calls its own /_emulator/health on 127.0.0.1 at
# VPNGW_PORT. An engine runs the first check one interval after the start, so a short
# interval lets `depends_on: condition: service_healthy` and CI service containers go
# on within about 2 s.
HEALTHCHECK --interval=2s --timeout=2s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/vpngw-emulator", "healthcheck"]

# The emulator is PID 1 (exec form): SIGTERM stops it gracefully with exit code 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/vpngw-emulator"]
CMD ["serve"]

LABEL org.opencontainers.image.title="vpngw-emulator" \
      org.opencontainers.image.description="Local emulator of Alibaba Cloud's VPN Gateway route API (VPC 2016-04-28)"
