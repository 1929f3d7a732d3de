# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
RUN <<EOF
set -eu
apt-get update
apt-get install -y --no-install-recommends ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
COPY <<"EOT" /etc/motd
Welcome, $USER: this text is not expanded.
EOT
RUN <<-INDENTED bash
	echo "tabs before this line are stripped"
	echo done
	INDENTED
COPY <<one.txt <<two.txt /data/
first
one.txt
second
two.txt
RUN python3 <<PY
print("heredoc with another interpreter")
PY
