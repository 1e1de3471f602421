/** Defines each element under its tag unless the registry has one already (idempotent). */
export function define(registry: CustomElementRegistry, elements: readonly (readonly [string, CustomElementConstructor])[]): void {
  for (const [tag, ctor] of elements) if (!registry.get(tag)) registry.define(tag, ctor);
}
