# syntax=docker/dockerfile:1.7
# check=skip=SecretsUsedInArgOrEnv

# A realistic polyglot monorepo build: a Go API, a Node frontend, a Python
# worker, docs, tests and two runtime images. Used by the benchmarks
# (analysis/bench_test.go, server/bench_test.go, bench_e2e_test.go).

ARG GO_VERSION=1.23
ARG NODE_VERSION=22
ARG PYTHON_VERSION=3.12
ARG ALPINE_VERSION=3.20
ARG DEBIAN_VERSION=bookworm
ARG XX_VERSION=1.5.0
ARG GOLANGCI_LINT_VERSION=v1.61.0
ARG GOTESTSUM_VERSION=v1.12.0
ARG APP_NAME=acme
ARG BUILD_DATE
ARG VCS_REF

# xx is a helper for cross-compilation
FROM --platform=$BUILDPLATFORM tonistiigi/xx:${XX_VERSION} AS xx

# golang is the Go toolchain on the build platform
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS golang
RUN apk add --no-cache \
      bash \
      build-base \
      ca-certificates \
      clang \
      file \
      git \
      lld \
      make \
      pkgconf \
      tzdata
COPY --link --from=xx / /
ENV CGO_ENABLED=0 \
    GOFLAGS=-trimpath \
    GOTOOLCHAIN=local
WORKDIR /src

# go-deps downloads modules once for every Go stage
FROM golang AS go-deps
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go mod download -x

# go-version computes the ldflags from git metadata
FROM go-deps AS go-version
ARG VCS_REF
ARG BUILD_DATE
RUN --mount=type=bind,target=.,rw <<'EOT'
  set -eu
  version="$(git describe --match 'v[0-9]*' --dirty='.m' --always --tags 2>/dev/null || echo dev)"
  revision="${VCS_REF:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}"
  date="${BUILD_DATE:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"
  pkg=github.com/acme/platform/internal/version
  echo "-s -w -X ${pkg}.Version=${version} -X ${pkg}.Revision=${revision} -X ${pkg}.Date=${date}" > /tmp/.ldflags
  echo -n "${version}" > /tmp/.version
EOT

# go-build cross-compiles the API server and the CLI
FROM go-deps AS go-build
ARG TARGETPLATFORM
ARG TARGETOS
ARG TARGETARCH
ARG GOBUILDFLAGS
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,source=/tmp/.ldflags,target=/tmp/.ldflags,from=go-version <<EOT
  set -ex
  for cmd in api-server acmectl migrate; do
    xx-go build ${GOBUILDFLAGS} -ldflags "$(cat /tmp/.ldflags)" -o /out/${cmd} ./cmd/${cmd}
    xx-verify --static /out/${cmd}
  done
EOT

# go-lint runs golangci-lint with a persistent cache
FROM golangci/golangci-lint:${GOLANGCI_LINT_VERSION}-alpine AS go-lint
WORKDIR /src
ENV GOLANGCI_LINT_CACHE=/cache/golangci-lint
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/root/.cache \
    --mount=type=cache,target=/cache/golangci-lint \
    --mount=from=go-deps,source=/go/pkg/mod,target=/go/pkg/mod \
    golangci-lint run --timeout 10m ./...

# gotestsum is the test runner used by go-test
FROM golang AS gotestsum
ARG GOTESTSUM_VERSION
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOBIN=/out go install "gotest.tools/gotestsum@${GOTESTSUM_VERSION}" && \
    /out/gotestsum --version

# go-test runs the unit tests and exports coverage
FROM go-deps AS go-test
ARG TESTFLAGS="-race -count=1"
ARG TESTPKGS=./...
ENV CGO_ENABLED=1
COPY --link --from=gotestsum /out/gotestsum /usr/bin/
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=tmpfs,target=/tmp \
    mkdir -p /out && \
    gotestsum --format=testname --junitfile=/out/junit.xml -- \
      ${TESTFLAGS} -coverprofile=/out/coverage.txt -covermode=atomic ${TESTPKGS}

FROM scratch AS go-test-results
COPY --from=go-test /out /

# node-deps installs the frontend dependencies with a pnpm store cache
FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine AS node-deps
WORKDIR /app
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=true
RUN corepack enable && corepack prepare pnpm@9.12.0 --activate
COPY web/package.json web/pnpm-lock.yaml web/.npmrc ./
RUN --mount=type=cache,id=pnpm,target=/pnpm/store \
    --mount=type=secret,id=npmrc,target=/root/.npmrc \
    pnpm install --frozen-lockfile --prefer-offline

# node-build produces the static bundle
FROM node-deps AS node-build
ARG API_BASE_URL=/api
ARG SENTRY_RELEASE
ENV NODE_ENV=production \
    VITE_API_BASE_URL=${API_BASE_URL} \
    VITE_SENTRY_RELEASE=${SENTRY_RELEASE}
COPY web/ ./
RUN --mount=type=cache,target=/app/node_modules/.vite \
    pnpm run typecheck && \
    pnpm run build && \
    find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.svg' \) -exec gzip -9 -k {} +

# node-test runs the frontend unit tests
FROM node-deps AS node-test
COPY web/ ./
RUN --mount=type=cache,target=/app/node_modules/.vitest \
    pnpm run lint && pnpm run test -- --run --reporter=junit --outputFile=/out/junit.xml

# py-base is the Python toolchain for the worker
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS py-base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean && \
    apt-get update && \
    apt-get install -y --no-install-recommends \
      build-essential \
      libpq-dev \
      libffi-dev \
      libssl-dev \
      curl
COPY --from=ghcr.io/astral-sh/uv:0.4.20 /uv /uvx /bin/
WORKDIR /worker

# py-deps builds wheels for the locked dependencies
FROM py-base AS py-deps
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=worker/uv.lock,target=uv.lock \
    --mount=type=bind,source=worker/pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-install-project --no-dev

# py-build installs the worker itself
FROM py-deps AS py-build
COPY worker/ ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev && \
    python -m compileall -q src

# py-test runs pytest against the worker
FROM py-build AS py-test
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen && \
    uv run pytest -q --junitxml=/out/junit.xml tests/

# docs builds the documentation site
FROM --platform=$BUILDPLATFORM python:${PYTHON_VERSION}-alpine AS docs
WORKDIR /docs
RUN pip install --no-cache-dir mkdocs-material==9.5.39 mkdocs-redirects==1.2.1
COPY docs/ ./docs/
COPY mkdocs.yml ./
RUN mkdocs build --strict --site-dir /out/site

# certs and zoneinfo for the scratch-like runtime
FROM alpine:${ALPINE_VERSION} AS runtime-files
RUN apk add --no-cache ca-certificates tzdata && \
    addgroup -S -g 10001 app && \
    adduser -S -D -H -u 10001 -G app -h /nonexistent -s /sbin/nologin app && \
    mkdir -p /data /etc/acme && \
    chown -R 10001:10001 /data
COPY <<EOF /etc/acme/config.yaml
server:
  listen: ":8080"
  read_timeout: 15s
  write_timeout: 30s
storage:
  path: /data
telemetry:
  enabled: false
EOF

# api is the production image of the API server
FROM gcr.io/distroless/static-debian12:nonroot AS api
ARG APP_NAME
ARG VCS_REF
ARG BUILD_DATE
LABEL org.opencontainers.image.title="${APP_NAME}-api" \
      org.opencontainers.image.description="Acme platform API server" \
      org.opencontainers.image.source="https://github.com/acme/platform" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --link --from=runtime-files /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --link --from=runtime-files /usr/share/zoneinfo /usr/share/zoneinfo
COPY --link --from=runtime-files --chown=10001:10001 /etc/acme /etc/acme
COPY --link --from=go-build /out/api-server /usr/local/bin/api-server
COPY --link --from=go-build /out/migrate /usr/local/bin/migrate
COPY --link --from=node-build /app/dist /srv/www
ENV ACME_CONFIG=/etc/acme/config.yaml \
    ACME_STATIC_DIR=/srv/www \
    TZ=UTC
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080/tcp 9090/tcp
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/api-server", "healthcheck", "--addr", "127.0.0.1:8080"]
ENTRYPOINT ["/usr/local/bin/api-server"]
CMD ["serve", "--config", "/etc/acme/config.yaml"]

# worker is the production image of the Python worker
FROM python:${PYTHON_VERSION}-slim-${DEBIAN_VERSION} AS worker
ARG APP_NAME
LABEL org.opencontainers.image.title="${APP_NAME}-worker"
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && \
    apt-get install -y --no-install-recommends libpq5 tini && \
    groupadd --system --gid 10001 app && \
    useradd --system --uid 10001 --gid app --home-dir /worker --shell /usr/sbin/nologin app
ENV PATH=/worker/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    WORKER_CONCURRENCY=4
WORKDIR /worker
COPY --link --from=py-build --chown=10001:10001 /worker /worker
USER app
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
HEALTHCHECK --interval=1m --timeout=10s CMD python -c "import worker; worker.ping()" || exit 1
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["python", "-m", "worker", "--queue", "default"]

# debug is the API image plus a shell and delve
FROM golang AS delve
ARG TARGETPLATFORM
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    xx-go install github.com/go-delve/delve/cmd/dlv@v1.23.1 && \
    mkdir -p /out && \
    cp "$(go env GOPATH)/bin/$(xx-go env GOOS)_$(xx-go env GOARCH)/dlv" /out/dlv 2>/dev/null || \
    cp "$(go env GOPATH)/bin/dlv" /out/dlv

FROM alpine:${ALPINE_VERSION} AS debug
RUN apk add --no-cache bash curl jq strace busybox-extras
COPY --link --from=delve /out/dlv /usr/local/bin/dlv
COPY --link --from=api / /
ENV ACME_LOG_LEVEL=debug
EXPOSE 2345
ENTRYPOINT ["/usr/local/bin/dlv", "--listen=:2345", "--headless=true", "--api-version=2", "--accept-multiclient", "exec", "/usr/local/bin/api-server", "--"]
CMD ["serve"]

# artifacts collects release binaries and the docs site for `docker buildx bake release`
FROM scratch AS artifacts
COPY --from=go-build /out/ /bin/
COPY --from=docs /out/site /docs/
COPY --from=go-test-results / /reports/go/
COPY --from=node-test /out/ /reports/web/
COPY --from=py-test /out/ /reports/worker/

# onbuild lets downstream images extend the API image
FROM api AS api-onbuild
ONBUILD COPY plugins/ /etc/acme/plugins/
ONBUILD RUN ["/usr/local/bin/api-server", "plugins", "verify", "/etc/acme/plugins"]

FROM api
