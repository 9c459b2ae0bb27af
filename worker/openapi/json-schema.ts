/** The little the OpenAPI modules share: a JSON Schema value and a reference to a component. */
export type JsonSchema = Record<string, unknown>;

/** `{ $ref: '#/components/schemas/<name>' }`. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
