ARG REGISTRY=docker.io
ARG IMAGE=library/python
ARG TAG
FROM ${REGISTRY}/${IMAGE}:${TAG:-3.12-slim}
ARG TAG
ENV APP_HOME=/srv/app \
    PYTHONDONTWRITEBYTECODE=1 \
    LABEL_SUFFIX=${TAG:+-$TAG}
WORKDIR $APP_HOME
LABEL org.opencontainers.image.title="demo${LABEL_SUFFIX}" \
      org.opencontainers.image.description="variables, defaults and alternatives"
RUN echo "home is ${APP_HOME}, tag is ${TAG:-unset}"
EXPOSE 8000/tcp 8001/udp
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["python", "-c", "print('ok')"]
STOPSIGNAL SIGTERM
VOLUME ["/srv/app/data"]
ENTRYPOINT ["python", "-m", "http.server"]
CMD ["8000"]
