# syntax=docker/dockerfile:1
#
# ckptlab as one static binary on a distroless base: no shell, no package
# manager, a non-root user. Build and run:
#
#   docker build -t ckptlab .
#   docker run --rm -p 8080:8080 ckptlab
#
# Serve your own course directory (with lessons/ and quiz/ in it) instead of
# the built-in one:
#
#   docker run --rm -p 8080:8080 -v "$PWD/course:/course:ro" -e CKPTLAB_CONTENT=/course ckptlab
#
# CI cannot run Docker; .ci/run builds the binary with the flags of the
# "go build" line below (it reads them from this file) and runs it alone in an
# empty root as uid 65532, which is what this image amounts to.

FROM golang:1.26.8 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ckptlab ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ckptlab /ckptlab
USER 65532:65532
ENV CKPTLAB_ADDR=:8080 \
    CKPTLAB_LOG_FORMAT=json
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 \
    CMD ["/ckptlab", "healthcheck"]
ENTRYPOINT ["/ckptlab"]
CMD ["serve"]
