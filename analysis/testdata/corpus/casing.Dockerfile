from alpine:3.20 AS base
run apk add --no-cache curl
Workdir /app
FROM base as final
ENV key value
copy . .
cmd ["sh"]
