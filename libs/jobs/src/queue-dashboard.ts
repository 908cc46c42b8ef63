import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { HttpStatus, Logger, Module } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import escapeHtml from 'escape-html';
import express from 'express';
import {
  APP_CONFIG,
  AppConfig,
  ApiError,
  bearerTokenOf,
  bilingual,
  JwtVerifier,
  markAuthenticationFailure,
  sendError,
  tokenRequired,
} from '@crm/core';
import { BullQueuesModule, QUEUES } from '@crm/messaging';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'crm_admin_token';

/**
 * Bull's dashboard at /admin/queues (jobs waiting, failed with their errors, retried or removed
 * by hand), for `admin` tokens only: sent as a bearer token, or — for a person at a browser —
 * pasted once into the sign-in form, which keeps it in an HttpOnly, same-site cookie for this
 * path alone.
 */
@Module({
  imports: [
    BullQueuesModule,
    BullBoardModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        route: QUEUE_DASHBOARD_PATH,
        adapter: SelfContainedBoardAdapter,
        boardOptions: { uiConfig: { boardTitle: 'CRM queues' } },
        middleware: adminOnly(new JwtVerifier(config)),
      }),
    }),
    ...QUEUES.map((name) => BullBoardModule.forFeature({ name, adapter: BullAdapter })),
  ],
})
export class QueueDashboardModule {}

type ViewEngine = (
  file: string,
  options: object,
  done: (error: Error | null, html?: string) => void,
) => void;

/**
 * Bull's adapter, less the Google Fonts stylesheet its page links: an admin's browser would ask
 * Google for a typeface on every visit (and tell it who opens the city's queues). Without it the
 * board draws in the browser's own sans-serif; the service's policy allows no other origin.
 */
class SelfContainedBoardAdapter extends ExpressAdapter {
  override setViewsPath(viewPath: string): this {
    super.setViewsPath(viewPath);
    // Express keeps the engines it was given by extension; its typings leave the table out.
    const render = (this.app as unknown as { engines: Record<string, ViewEngine> }).engines['.ejs'];
    this.app.engine('ejs', (file, options, done) =>
      render(file, options, (error, html) =>
        done(error, html?.replace(/<link[^>]+fonts\.googleapis\.com[^>]*>/g, '')),
      ),
    );
    return this;
  }
}

function adminOnly(verifier: JwtVerifier): RequestHandler {
  const logger = new Logger('QueueDashboard');
  const readForm = express.urlencoded({ extended: false, limit: '16kb' });
  /** A browser gets the sign-in form again, saying why when a token was given and refused. */
  const refuse = (req: Request, res: Response, error: unknown, tokenGiven = true) => {
    if (req.accepts(['json', 'html']) === 'html') {
      res.status(error instanceof ApiError ? error.getStatus() : HttpStatus.UNAUTHORIZED);
      res
        .type('html')
        .send(signInPage(tokenGiven && error instanceof ApiError ? error : undefined));
      return;
    }
    sendError(error, req, res, logger);
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.originalUrl.split('?')[0].replace(/\/+$/, '');
    if (req.method === 'POST' && path === `${QUEUE_DASHBOARD_PATH}/session`) {
      return readForm(req, res, () => {
        const token = String((req.body as { token?: unknown } | undefined)?.token ?? '').trim();
        void verifier.verify(token).then(
          (principal) => {
            if (principal.role !== 'admin') return refuse(req, res, notAdmin(principal.role));
            res.cookie(COOKIE, token, {
              httpOnly: true,
              sameSite: 'strict',
              secure: req.secure,
              path: QUEUE_DASHBOARD_PATH,
            });
            res.redirect(303, `${QUEUE_DASHBOARD_PATH}/`);
          },
          (error: unknown) => {
            markAuthenticationFailure(req);
            refuse(req, res, error);
          },
        );
      });
    }
    const token = bearerTokenOf(req) ?? cookieOf(req, COOKIE);
    if (!token) return refuse(req, res, tokenRequired(), false);
    verifier.verify(token).then(
      (principal) => {
        if (principal.role !== 'admin') return refuse(req, res, notAdmin(principal.role));
        res.setHeader('Cache-Control', 'no-store');
        next();
      },
      (error: unknown) => {
        markAuthenticationFailure(req);
        refuse(req, res, error);
      },
    );
  };
}

function notAdmin(role: string): ApiError {
  return new ApiError(
    HttpStatus.FORBIDDEN,
    'FORBIDDEN',
    bilingual(
      `Dasbor antrean hanya untuk peran admin; peran ${role} tidak berwenang`,
      `The queues' dashboard is for the admin role; the ${role} role may not open it`,
    ),
  );
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** The board's sign-in form; a refused token is told why, in both languages. */
function signInPage(refusal?: ApiError): string {
  const said = refusal?.text;
  const why = said
    ? `<p role="alert"><strong>${escapeHtml(said.id)}</strong><br>${escapeHtml(said.en)}</p>\n`
    : '';
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Antrean CRM — masuk</title></head>
<body>
<main>
<h1>Dasbor antrean / Queues' dashboard</h1>
<p>Khusus admin. Tempelkan token admin Anda. / Admins only: paste your admin token.</p>
${why}<form method="post" action="${QUEUE_DASHBOARD_PATH}/session">
<label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Masuk / Sign in</button>
</form>
</main>
</body>
</html>
`;
}
