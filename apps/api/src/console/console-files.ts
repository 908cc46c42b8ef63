import { HttpStatus, Logger } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ApiError, AppConfig, bilingual, sendError } from '@crm/core';

/** Where `npm run build` writes the console (apps/console/vite.config.mts). */
export function consoleBuildDir(): string | null {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'console');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The console's Content Security Policy: its own scripts and styles only (no inline code at
 * all), images from the API and from files the user picked (blob:), and calls to the API and to
 * the identity provider.
 */
export function consolePolicy(config: AppConfig): string {
  const issuer = config.console.oidc ? ` ${new URL(config.console.oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self'${issuer}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${issuer}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the built console at /console (mounted there): files under assets/ carry a content
 * hash in their names and are cached for a year; every other path is the application's page
 * (its router reads the path), never cached, so a new release is picked up on the next visit.
 */
export function consoleFiles(
  config: AppConfig,
  dir: string | null = config.console.dir ?? consoleBuildDir(),
): RequestHandler {
  const policy = consolePolicy(config);
  const logger = new Logger('Console');
  const setPolicy = (res: Response) => {
    res.setHeader('Content-Security-Policy', policy);
    res.setHeader('Referrer-Policy', 'no-referrer');
  };
  if (!dir) {
    return (req: Request, res: Response) =>
      sendError(
        new ApiError(
          HttpStatus.NOT_FOUND,
          'NOT_FOUND',
          bilingual(
            'Konsol belum dibangun; jalankan npm run build (npm start membangunnya sendiri)',
            'The console is not built; run npm run build (npm start builds it)',
          ),
        ),
        req,
        res,
        logger,
      );
  }
  const files = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      setPolicy(res as Response);
      const hashed = file.startsWith(path.join(dir, 'assets') + path.sep);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = path.join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Without the slash, the page's relative links would resolve against the site's root.
    if (req.originalUrl === '/console') return res.redirect(308, '/console/');
    files(req, res, () => {
      // A missing asset is a 404, not the page: a stale tab asking for last release's script
      // must fail loudly instead of running HTML as JavaScript.
      if (req.path.startsWith('/assets/')) return next();
      setPolicy(res);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(page);
    });
  };
}
