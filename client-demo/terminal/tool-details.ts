/** Nesting levels of object parameters listed below a tool; deeper ones show only their type. */
const MAX_DEPTH = 3;

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Returns the schema of an object's properties, or of an array's object items. */
function nestedObject(schema: Schema): Schema | undefined {
  if (isSchema(schema.properties)) return schema;
  if (isSchema(schema.items) && isSchema(schema.items.properties)) return schema.items;
  return undefined;
}

/** Names a JSON Schema type compactly: `string`, `integer | null`, `array of string`. */
export function schemaType(schema: Schema): string {
  if ('const' in schema) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants)) {
    const names = variants.filter(isSchema).map(schemaType);
    return [...new Set(names)].join(' | ') || 'any';
  }
  if (Array.isArray(schema.type)) return schema.type.map(String).join(' | ');
  if (schema.type === 'array') {
    if (!isSchema(schema.items)) return 'array';
    const item = schemaType(schema.items);
    return item.includes(' | ') ? `array of (${item})` : `array of ${item}`;
  }
  if (typeof schema.type === 'string') return schema.type;
  if (isSchema(schema.properties)) return 'object';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1) ?? 'any';
  return 'any';
}

function describeProperty(name: string, schema: Schema, required: boolean): string {
  const facts = [schemaType(schema), required ? 'required' : 'optional'];
  if (Array.isArray(schema.enum)) facts.push(`one of: ${schema.enum.map(formatValue).join(', ')}`);
  if ('default' in schema) facts.push(`default ${JSON.stringify(schema.default)}`);
  const description =
    typeof schema.description === 'string' ? `: ${schema.description.split('\n')[0]}` : '';
  return `${name}  ${facts.join(', ')}${description}`;
}

function describeObject(schema: Schema, depth: number, indent: string): string[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const names = Object.keys(properties);
  const width = Math.max(0, ...names.map((name) => name.length));

  const lines: string[] = [];
  for (const name of names) {
    const property = properties[name];
    if (!isSchema(property)) continue;
    lines.push(`${indent}${describeProperty(name.padEnd(width), property, required.has(name))}`);
    const nested = nestedObject(property);
    if (nested && depth < MAX_DEPTH) {
      lines.push(...describeObject(nested, depth + 1, `${indent}    `));
    }
  }
  return lines;
}

/**
 * Lists the parameters of a tool's JSON input schema, one line each: name,
 * type, required or optional, enum values, default and the first line of the
 * description. Properties of nested objects (and of arrays of objects)
 * follow their parent, indented.
 */
export function describeParameters(inputSchema: Schema): string[] {
  const lines = describeObject(inputSchema, 1, '  ');
  return lines.length > 0 ? ['Arguments:', ...lines] : ['Arguments: none, so call it with {}'];
}
