# A stage name used twice and a stage built FROM another: warnings, not errors.
FROM alpine:3.20 AS one
RUN echo one
FROM one AS two
FROM alpine:3.20 AS one
COPY --from=two / /
