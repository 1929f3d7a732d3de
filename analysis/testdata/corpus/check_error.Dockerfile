# check=error=true
FROM alpine:3.20 as base
MAINTAINER someone@example.com
CMD echo hi
