import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { AccessRule, accessRuleOf } from '@crm/core';

export interface Route {
  method: string;
  path: string;
  handler: string;
  rule: AccessRule | undefined;
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
      return scanner.getAllMethodNames(prototype).flatMap((name) => {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) return [];
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = ('/' + [base, path].filter((p) => p && p !== '/').join('/')).replace(
          /\/+/g,
          '/',
        );
        return [
          {
            method,
            path: full,
            handler: `${type.name}.${name}`,
            rule: accessRuleOf(reflector, [handler, type]),
          },
        ];
      });
    });
}
