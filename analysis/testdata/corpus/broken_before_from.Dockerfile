# An instruction other than ARG before the first FROM.
RUN echo too early
FROM alpine:3.20
