import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { match } from 'path-to-regexp';
import { AccessRule } from '../auth/access.decorator';
import { accessRuleOf } from '../auth/access.guard';
import { BodySignature, bodySignatureOf } from '../auth/signed-body';

export interface Route {
  method: string;
  path: string;
  handler: string;
  rule: AccessRule | undefined;
  /** The handler reads a parsed body (`@Body()`); no other route's body is ever parsed. */
  takesBody: boolean;
  /** The body must carry this signature, checked on the raw bytes before they are parsed. */
  signature: BodySignature | undefined;
}

/** Every HTTP route of an application, read from Nest's own controller metadata. */
export function routesOf(app: INestApplication): Route[] {
  const modules = [...app.get(ModulesContainer).values()];
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  return modules
    .flatMap((module) => [...module.controllers.values()])
    .flatMap((wrapper) => {
      const type = wrapper.metatype as Function;
      const prototype = type.prototype as Record<string, Function>;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      return scanner.getAllMethodNames(prototype).flatMap((name): Route[] => {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) return [];
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = ('/' + [base, path].filter((p) => p && p !== '/').join('/')).replace(
          /\/+/g,
          '/',
        );
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as object;
        return [
          {
            method,
            path: full,
            handler: `${type.name}.${name}`,
            rule: accessRuleOf(reflector, [handler, type]),
            takesBody: Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.BODY}:`)),
            signature: bodySignatureOf(reflector, [handler, type]),
          },
        ];
      });
    });
}

/**
 * Finds the route a request will reach before Nest's router does, so that the edge can decide
 * what to do with its body and credentials first. Matching follows Express's defaults (case
 * insensitive, optional trailing slash); where the two could ever disagree, the guards still run
 * and fail closed (no principal, no verified signature, no body).
 */
export class RouteTable {
  private readonly entries: { method: string; matches: (path: string) => boolean; route: Route }[];

  constructor(routes: Route[]) {
    this.entries = routes.map((route) => {
      const matcher = match(route.path, { decode: false, sensitive: false });
      return { method: route.method, matches: (path) => matcher(path) !== false, route };
    });
  }

  find(method: string, path: string): Route | undefined {
    const wanted = method === 'HEAD' ? 'GET' : method;
    return this.entries.find(
      (entry) => (entry.method === wanted || entry.method === 'ALL') && entry.matches(path),
    )?.route;
  }
}
