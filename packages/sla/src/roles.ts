import { z } from 'zod';

/**
 * The roles a breach is charged to: each a name an event's `assignees` record can carry. `__proto__`
 * cannot be one (that record refuses the key, so no event could ever assign the role).
 *
 * @internal
 */
export const BreachRolesSchema = z
  .array(
    z
      .string()
      .min(1)
      .refine((role) => role !== '__proto__', {
        message:
          '`__proto__` 不能用作责任角色：事件的 assignees 不能携带该键，该角色永远无人指派 / `__proto__` cannot name a role: an event’s assignees cannot carry that key, so nobody could ever be assigned to it',
      }),
  )
  .min(1);
