import {
  AllOfCriteria,
  AnyOfCriteria,
  NotCriteria,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';

/**
 * Turns permission criteria (`allOf`, `anyOf`, `not` over a plugin's own filters) into a
 * knex `where`, so a conditional decision filters rows in SQL rather than after loading.
 * `applyFilter` adds the `where` of one filter; an empty `anyOf` matches nothing.
 */
export function applyPermissionCriteria<TFilter>(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<TFilter>,
  applyFilter: (query: Knex.QueryBuilder, filter: TFilter) => void,
): void {
  const apply = (qb: Knex.QueryBuilder, c: PermissionCriteria<TFilter>) =>
    applyPermissionCriteria(qb, c, applyFilter);
  if (isAllOf(criteria)) {
    query.where(all => {
      for (const c of criteria.allOf) all.andWhere(sub => apply(sub, c));
    });
  } else if (isAnyOf(criteria)) {
    if (criteria.anyOf.length === 0) {
      query.whereRaw('1 = 0');
      return;
    }
    query.where(any => {
      for (const c of criteria.anyOf) any.orWhere(sub => apply(sub, c));
    });
  } else if (isNot(criteria)) {
    query.whereNot(sub => apply(sub, criteria.not));
  } else {
    applyFilter(query, criteria as TFilter);
  }
}

function isAllOf<T>(c: PermissionCriteria<T>): c is AllOfCriteria<T> {
  return typeof c === 'object' && c !== null && 'allOf' in c;
}

function isAnyOf<T>(c: PermissionCriteria<T>): c is AnyOfCriteria<T> {
  return typeof c === 'object' && c !== null && 'anyOf' in c;
}

function isNot<T>(c: PermissionCriteria<T>): c is NotCriteria<T> {
  return typeof c === 'object' && c !== null && 'not' in c;
}
