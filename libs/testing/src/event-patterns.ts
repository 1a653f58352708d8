import { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { PATTERN_EXTRAS_METADATA, PATTERN_HANDLER_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum';
import { AppName } from '@cirkel/contracts';
import { EVENTS_CONSUMED, handlerRef } from '@cirkel/messaging';

type ModuleImport = Type | DynamicModule | ForwardReference | Promise<DynamicModule> | undefined;

/**
 * The event handlers of every controller an app's root module registers, its imports' included, as
 * refs (`partners.roles-changed`, or `partners.roles-changed#role-copy` for one given a name), read
 * from Nest's module and handler metadata: nothing is made and nothing connects.
 */
export function eventPatternsOf(root: Type | DynamicModule): string[] {
  const patterns = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (entry: ModuleImport): void => {
    if (!entry || entry instanceof Promise) {
      if (entry) throw new Error('an asynchronous module import: read its metadata some other way');
      return;
    }
    if ('forwardRef' in entry) return visit(entry.forwardRef() as ModuleImport);
    const dynamic = 'module' in entry ? entry : undefined;
    if (seen.has(entry)) return;
    seen.add(entry);
    const moduleClass = dynamic ? dynamic.module : (entry as Type);
    const controllers: Type[] = [...(dynamic?.controllers ?? []), ...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) ?? [])];
    for (const controller of controllers) {
      for (const method of handlerMethodsOf(controller)) {
        if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== PatternHandler.EVENT) continue;
        const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, method) as { handler?: string } | undefined;
        for (const pattern of Reflect.getMetadata(PATTERN_METADATA, method) as unknown[]) patterns.add(handlerRef(String(pattern), extras?.handler));
      }
    }
    const imports: ModuleImport[] = [...(dynamic?.imports ?? []), ...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) ?? [])];
    for (const imported of imports) visit(imported);
  };
  visit(root);
  return [...patterns].sort();
}

/**
 * The methods Nest looks at for handlers of a controller, as its MetadataScanner finds them: every
 * method name along the prototype chain (inherited handlers too), each name once, read from the
 * controller (an override in the subclass hides its parent's method).
 */
function handlerMethodsOf(controller: Type): ((...args: unknown[]) => unknown)[] {
  const names = new Set<string>();
  for (let prototype = controller.prototype as object | null; prototype && prototype !== Object.prototype; prototype = Reflect.getPrototypeOf(prototype)) {
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      if (key !== 'constructor' && descriptor && !descriptor.get && !descriptor.set && typeof descriptor.value === 'function') names.add(key);
    }
  }
  return [...names].map((key) => (controller.prototype as Record<string, unknown>)[key]).filter((method): method is (...args: unknown[]) => unknown => typeof method === 'function');
}

/**
 * How `EVENTS_CONSUMED` (libs/messaging/src/nats-permissions.ts) differs from the event handlers of
 * `app`: handled but not listed (the NATS server refuses the app its consumer), listed but handled
 * by nobody (a right no one needs). Both empty when the list is right.
 */
export function eventsConsumedMismatch(app: AppName, root: Type | DynamicModule): { handledNotListed: string[]; listedNotHandled: string[] } {
  const handled = eventPatternsOf(root);
  const listed = [...EVENTS_CONSUMED[app]];
  return { handledNotListed: handled.filter((p) => !listed.includes(p)), listedNotHandled: listed.filter((p) => !handled.includes(p)).sort() };
}
