import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';

/** Most users a JSON page of the matrix holds. */
export const MATRIX_MAX_LIMIT = 500;

const permissionName = z.string().min(1).max(200);

/** A user entity ref, normalised as the catalog writes it (`user:default/dana`). */
const userRef = z
  .string()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value);
      if (ref.kind.toLocaleLowerCase('en-US') === 'user') {
        return stringifyEntityRef(ref);
      }
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: 'must be a user entity ref, like user:default/dana',
    });
    return z.NEVER;
  });

/** A whole number in a query string. */
const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform(value => value === 'true');

/** `GET /access/user` */
export const userAccessQuerySchema = z.object({ userRef });

/** `GET /access/who` */
export const whoCanQuerySchema = z.object({
  permission: permissionName,
  resourceRef: z.string().min(1).max(1000).optional(),
  all: flag,
});

/** `GET /matrix` */
export const matrixQuerySchema = z.object({
  permission: z
    .union([permissionName, z.array(permissionName).min(1).max(1000)])
    .optional()
    .transform(value => (value === undefined ? undefined : [value].flat())),
  q: z.string().max(200).optional(),
  role: z.string().min(1).max(200).optional(),
  offset: whole(0, 1_000_000_000).default(0),
  limit: whole(1, MATRIX_MAX_LIMIT).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});

/** `GET /required-roles` */
export const requiredRolesQuerySchema = z.object({
  permission: permissionName,
});
