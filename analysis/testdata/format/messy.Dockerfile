# syntax=docker/dockerfile:1
# check=skip=JSONArgsRecommended
  # A hand-written sample for the formatter tests: every rule, written badly.

ARG  BASE=debian:bookworm-slim
from   ${BASE}   as   build
   arg  VERSION=1.0
ENV LANG=C.UTF-8   TZ=UTC
ENV LEGACY  value with   spaces
label maintainer="someone"   org.example.tier="a   b"



run apt-get update && apt-get install -y --no-install-recommends \
  ca-certificates \
  # network tools
  curl \
      wget \
&& rm -rf /var/lib/apt/lists/*
RUN set -eux; \
	mkdir -p /src; \
	cd /src; \
	if [ -f x ]; then \
		echo found; \
	fi
RUN --mount=type=cache,target=/root/.cache   \
    --mount=type=bind,source=.,target=/src \
  make -C /src   build   &&   make install
run echo "a quoted \
   continuation stays" && echo 'single \
   too'
RUN <<EOF
set -e
  echo   heredoc   body   untouched   
EOF
COPY  --from=build   /out/bin   /usr/local/bin/
copy <<-EOT /etc/motd
	hello
	EOT
WORKDIR   /app
USER  app
EXPOSE  8080   9090/udp
VOLUME  ["/data","/logs"]
HEALTHCHECK  --interval=30s   CMD   curl -f http://localhost:8080/ || exit 1
onbuild   run   echo   triggered
ONBUILD COPY  . /app
# dockerfmt-ignore
RUN   echo   left   alone
# dockerfile-ls: fmt off
RUN   echo   a \
&& echo b
# dockerfile-ls: fmt on
SHELL ["/bin/bash","-o","pipefail","-c"]
RUN curl -s https://example.com | grep -q ok
ENTRYPOINT [ "/usr/local/bin/app" , "--serve" ]
CMD ["--port","8080"]   
STOPSIGNAL   SIGTERM
