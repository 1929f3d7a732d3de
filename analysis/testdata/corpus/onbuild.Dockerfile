FROM node:22-alpine
WORKDIR /usr/src/app
ONBUILD COPY package*.json ./
ONBUILD RUN npm ci --omit=dev
ONBUILD COPY . .
ONBUILD ARG NODE_ENV=production
CMD ["node", "server.js"]
