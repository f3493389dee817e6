import { z } from 'zod';
import { CHANNEL_KINDS, CHANNEL_SECRET_KEYS, channelConfigSchemas } from '@touchpoint/shared';
import { KIND_SPECS, placedFields } from './channel-kinds';

interface SchemaLeaf {
  path: string;
  /** The schema accepts it missing (optional or with a default). */
  optional: boolean;
  /** For a list of objects: the keys of one item. */
  itemKeys?: string[];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault)
    inner = inner.unwrap() as z.ZodType;
  return inner;
}

/** Every value of a config schema, nested objects as dotted paths, and the optional objects. */
function schemaLeaves(schema: z.ZodType, prefix = ''): { leaves: SchemaLeaf[]; groups: string[] } {
  const leaves: SchemaLeaf[] = [];
  const groups: string[] = [];
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject)) throw new Error('a config schema is an object');
  for (const [key, child] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    const path = `${prefix}${key}`;
    const optional = child.safeParse(undefined).success;
    const inner = unwrap(child);
    if (inner instanceof z.ZodObject) {
      if (optional) groups.push(path);
      const nested = schemaLeaves(inner, `${path}.`);
      leaves.push(...nested.leaves);
    } else if (
      inner instanceof z.ZodArray &&
      unwrap(inner.element as z.ZodType) instanceof z.ZodObject
    ) {
      const item = unwrap(inner.element as z.ZodType) as z.ZodObject;
      leaves.push({ path, optional, itemKeys: Object.keys(item.shape).sort() });
    } else leaves.push({ path, optional });
  }
  return { leaves, groups };
}

describe('channel kinds', () => {
  it.each(CHANNEL_KINDS.map((kind) => [kind]))(
    'the %s form has exactly the fields of its config schema',
    (kind) => {
      const schema = schemaLeaves(channelConfigSchemas[kind]);
      const fields = placedFields(kind);

      expect(fields.map((field) => field.path).sort()).toEqual(
        schema.leaves.map((leaf) => leaf.path).sort(),
      );
      // Optional in the form where the schema lets it out (checkboxes always send a value).
      for (const field of fields.filter((candidate) => candidate.input !== 'checkbox')) {
        const leaf = schema.leaves.find((candidate) => candidate.path === field.path);
        expect({ path: field.path, optional: field.optional === true }).toEqual({
          path: field.path,
          optional: leaf?.optional,
        });
        // A list of objects is edited item by item, with every key of an item.
        expect({ path: field.path, list: field.input === 'list' }).toEqual({
          path: field.path,
          list: leaf?.itemKeys !== undefined,
        });
        if (leaf?.itemKeys)
          expect((field.item ?? []).map((sub) => sub.key).sort()).toEqual(leaf.itemKeys);
      }
      expect(
        KIND_SPECS[kind].groups
          .filter((group) => group.toggle)
          .map((group) => group.key)
          .sort(),
      ).toEqual(schema.groups.sort());
      // Secrets are password fields, exactly those the contract masks.
      expect(
        fields
          .filter((field) => field.input === 'secret')
          .map((field) => field.path)
          .sort(),
      ).toEqual([...CHANNEL_SECRET_KEYS[kind]].sort());
    },
  );
});
