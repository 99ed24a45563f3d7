import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { POLICY_KEY, PUBLIC_KEY } from '../../src/access/policy.decorator';
import { TestApp } from './test-app';

export interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  hasPolicy: boolean;
  /** The audit action its policy names: the action a refusal of it is recorded under. */
  audit?: string;
}

/** Every route the application registered, read from Nest's own metadata. */
export function registeredRoutes(subject: TestApp): Route[] {
  const discovery = subject.app.get(DiscoveryService);
  const scanner = subject.app.get(MetadataScanner);
  const reflector = subject.app.get(Reflector);
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as new (...args: never[]) => object;
    const prefix: string = Reflect.getMetadata(PATH_METADATA, controller);
    return scanner.getAllMethodNames(controller.prototype).flatMap((name) => {
      const handler = (controller.prototype as Record<string, () => unknown>)[name];
      const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) return [];
      const targets = [handler, controller];
      return [
        {
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path: `/${[prefix, path].filter((part) => part && part !== '/').join('/')}`,
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
          hasPolicy: reflector.getAllAndOverride(POLICY_KEY, targets) !== undefined,
          audit: reflector.getAllAndOverride<{ audit?: string } | undefined>(POLICY_KEY, targets)?.audit,
        },
      ];
    });
  });
}
