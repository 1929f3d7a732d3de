ARG BASE
FROM ${BASE}
RUN echo the base image name expands to nothing
