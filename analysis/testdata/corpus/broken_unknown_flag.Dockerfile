FROM alpine:3.20
RUN --netwrk=none true
COPY --chmod=644 a.txt /a.txt
