FROM alpine:3.20
RUN echo before
FORM alpine:3.20
RUN echo after
