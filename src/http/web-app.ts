import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config.service';

/**
 * The web app's Content-Security-Policy: nothing but its own files, no inline script or style
 * element, never framed. (The API's answers keep helmet's policy, which Swagger UI needs.)
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // The design system's icons are data: SVGs in its CSS.
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed by the build: a new build gives a new name, so a browser may keep one for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths the app never answers, so an unknown API route stays a 404 problem document. */
const NOT_THE_APP = /^\/(api|health)(\/|$)/;

/**
 * Serves the built web app at /: hashed assets cached for good, index.html never, and index.html for
 * any other GET (the app's own routes), so a deep link works on reload. Without a build the API runs alone.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<boolean> {
  const root = resolve(app.get(AppConfig).get('WEB_APP_DIR'));
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) return false;
  const index = readFileSync(indexPath);
  const files = new Set(filesUnder(root).map((file) => relative(root, file).split('\\').join('/')));
  await app.register(fastifyStatic, { root, serve: false, decorateReply: true, cacheControl: false });
  const fastify = app.getHttpAdapter().getInstance();
  // A hook on what no route answers, not a catch-all route: a catch-all would also take the requests
  // the router refuses (a path segment too long is a 414), and every unknown API path.
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.is404 || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    const path = decodedPath(request.url);
    if (path === null || NOT_THE_APP.test(path)) return;
    const file = path.slice(1);
    if (file !== 'index.html' && files.has(file)) {
      void reply.header('content-security-policy', WEB_APP_CSP);
      void reply.header('cache-control', file.startsWith('assets/') ? IMMUTABLE : 'public, max-age=3600');
      await reply.code(200).sendFile(file);
      return reply;
    }
    if (file.startsWith('assets/')) return;
    void reply.header('content-security-policy', WEB_APP_CSP);
    void reply.header('cache-control', 'no-store');
    await reply.code(200).type('text/html; charset=utf-8').send(index);
    return reply;
  });
  return true;
}

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return null;
  }
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}
