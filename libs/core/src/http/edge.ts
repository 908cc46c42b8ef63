import { HttpStatus, INestApplication, Logger } from '@nestjs/common';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { bearerTokenOf, tokenRequired } from '../auth/access.guard';
import { JwtVerifier } from '../auth/jwt-verifier';
import {
  BodySignature,
  invalidSignature,
  signatureHeaderWellFormed,
  signatureMatches,
} from '../auth/signed-body';
import { AppConfig } from '../config/app-config';
import { ApiError, TooManyRequestsError } from '../errors/api-error';
import { sendError } from '../errors/api-exception.filter';
import { MAX_INPUT_DEPTH, TOO_DEEP, validationMessage } from '../errors/validation';
import { Bilingual, bilingual } from '../i18n/bilingual';
import { FixedWindowCounter } from './edge-limiter';
import { jsonNestingDepth } from './json-depth';
import { Route, RouteTable, routesOf } from './routes';

declare module 'http' {
  interface IncomingMessage {
    /** A body the Open311 parsers could not read, left for the Open311 routes to report. */
    bodyError?: unknown;
    /** Credentials were offered and refused (token, signature, API key): counted per client. */
    authenticationFailed?: boolean;
  }
}

/** Marks a request whose credentials were refused, so the edge counts it against its client. */
export function markAuthenticationFailure(req: Request): void {
  req.authenticationFailed = true;
}

const tooDeep = () => {
  const detail = { field: 'body', problem: TOO_DEEP };
  return new ApiError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', validationMessage([detail]), [
    detail,
  ]);
};

const notJson = (contentType: string | undefined) =>
  new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'UNSUPPORTED_MEDIA_TYPE',
    bilingual(
      `Body dikirim sebagai ${contentType}; kirim sebagai JSON dengan Content-Type: application/json`,
      `The body was sent as ${contentType}; send it as JSON with Content-Type: application/json`,
    ),
  );

/**
 * The first thing every request meets, before any byte of its body is read or parsed:
 *
 * 1. A client (address) that failed authentication AUTH_FAILURE_LIMIT times in the window is
 *    refused outright (429), and anonymous requests count against THROTTLE_LIMIT per client.
 * 2. The route is looked up (Nest's own metadata). A path no route serves goes straight on to
 *    Nest's 404, body unread.
 * 3. A route that needs a token has it verified now; a missing or refused token is a 401 before
 *    the body is read. A signed route (JAKI's push) without a well-formed signature header is a
 *    401 likewise; its signature is checked on the raw bytes before they are parsed.
 * 4. Only a route whose handler takes a body has one parsed: never compressed (a small gzip body
 *    must not become a megabyte of work), at most 1 MB, and nested no deeper than 32 levels —
 *    counted on the raw bytes before `JSON.parse` runs.
 */
export function edgeMiddleware(app: INestApplication, config: AppConfig): RequestHandler {
  const routes = new RouteTable(routesOf(app));
  const verifier = app.get(JwtVerifier);
  const anonymous = new FixedWindowCounter(config.throttle.ttlMs);
  const failures = new FixedWindowCounter(config.throttle.ttlMs);
  const parsers = bodyParsers(config);
  const logger = new Logger('Http');

  const refuse = (req: Request, res: Response, error: unknown) => {
    // The body was not read: close the connection instead of draining what the client sends.
    res.setHeader('Connection', 'close');
    sendError(error, req, res, logger);
  };
  const tooMany = (what: Bilingual, counter: FixedWindowCounter) => {
    const seconds = counter.secondsLeft();
    return new TooManyRequestsError(
      bilingual(
        `${what.id} dari alamat ini; coba lagi dalam ${seconds} detik`,
        `${what.en} from this address; try again in ${seconds} s`,
      ),
      seconds,
    );
  };

  const parseBody = (route: Route, req: Request, res: Response, next: NextFunction) => {
    if (!route.takesBody) return next();
    const chain = route.path.startsWith('/open311') ? parsers.open311 : parsers.api;
    runChain(chain, req, res, next);
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    if (failures.count(client) >= config.throttle.authFailureLimit) {
      return refuse(
        req,
        res,
        tooMany(
          bilingual('Terlalu banyak kredensial yang ditolak', 'Too many refused credentials'),
          failures,
        ),
      );
    }
    res.once('finish', () => {
      if (req.authenticationFailed) failures.hit(client);
    });
    const route = routes.find(req.method, req.path);
    req.routeTemplate = route?.path;
    const rule = route?.rule;
    if (rule?.kind !== 'roles' && !route?.signature) {
      if (anonymous.hit(client) > config.throttle.limit) {
        return refuse(
          req,
          res,
          tooMany(bilingual('Terlalu banyak permintaan', 'Too many requests'), anonymous),
        );
      }
    }
    if (!route) return next();

    if (route.signature) {
      if (!signatureHeaderWellFormed(req.header(route.signature.header))) {
        markAuthenticationFailure(req);
        return refuse(req, res, invalidSignature(headerName(route.signature)));
      }
      return parseBody(route, req, res, next);
    }
    if (rule?.kind !== 'roles') return parseBody(route, req, res, next);

    const token = bearerTokenOf(req);
    if (!token) return refuse(req, res, tokenRequired());
    verifier.verify(token).then(
      (principal) => {
        req.principal = principal;
        // What a signed-in person reads is theirs alone: no shared or browser cache keeps it.
        res.setHeader('Cache-Control', 'no-store');
        parseBody(route, req, res, next);
      },
      (error: unknown) => {
        markAuthenticationFailure(req);
        refuse(req, res, error);
      },
    );
  };

  function bodyParsers(cfg: AppConfig) {
    const limit = cfg.http.bodyLimit;
    const verify = (req: Request, _res: Response, buf: Buffer) => {
      const route = routes.find(req.method, req.path);
      if (route?.signature) {
        const value = req.header(route.signature.header) ?? '';
        if (!signatureMatches(value, buf, route.signature.secrets(cfg))) {
          markAuthenticationFailure(req);
          throw invalidSignature(headerName(route.signature));
        }
        req.bodySignatureVerified = true;
      }
      if (jsonNestingDepth(buf, MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) throw tooDeep();
    };
    const json = express.json({ limit, inflate: false, verify });
    // The REST API speaks JSON (multipart for uploads): a form or text body would be read as
    // nothing and refused field by field ("reporter must be an object"), so it is named instead.
    const onlyJson: RequestHandler = (req, _res, next) => {
      const type = req.headers['content-type'];
      const sent = type !== undefined && req.headers['content-length'] !== '0';
      const refused = sent && !req.is(['json', '+json', 'multipart']);
      next(refused ? notJson(type.slice(0, 100)) : undefined);
    };
    // Open311 (GeoReport v2) clients post forms with nested keys (`attribute[code]=value`), and
    // expect errors in the specification's own format: their parse errors are handed on to the
    // Open311 routes (which answer in that format) instead of being answered here.
    const handOn = (parser: RequestHandler): RequestHandler => {
      return (req, res, next) =>
        parser(req, res, (error?: unknown) => {
          if (error !== undefined) req.bodyError = error;
          next();
        });
    };
    const openForm = handOn(express.urlencoded({ extended: true, limit, inflate: false }));
    return {
      api: [onlyJson, json],
      open311: [
        handOn(json),
        (req: Request, res: Response, next: NextFunction) =>
          req.bodyError === undefined ? openForm(req, res, next) : next(),
      ],
    };
  }
}

function headerName(signature: BodySignature): string {
  return signature.header.replace(
    /(^|-)([a-z])/g,
    (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`,
  );
}

function runChain(chain: RequestHandler[], req: Request, res: Response, done: NextFunction) {
  const step = (index: number, error?: unknown): void => {
    if (error !== undefined || index === chain.length) return done(error);
    chain[index](req, res, (next?: unknown) => step(index + 1, next));
  };
  step(0);
}
