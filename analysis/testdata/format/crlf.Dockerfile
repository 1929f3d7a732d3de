from alpine
run apk add --no-cache \
  curl \
  git  



cmd ["sh","-c","echo hi"]