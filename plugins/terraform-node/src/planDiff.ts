import { PlanDiffNode, PlanValue } from '@internal/plugin-infra-common';

/**
 * One side of a change as `terraform show -json` gives it: the value, and the sensitive and
 * unknown marks that mirror its structure (`true` marks the whole subtree).
 */
export type ChangeSide = {
  present: boolean;
  value: unknown;
  sensitive: unknown;
  unknown: unknown;
};

type Path = Array<string | number>;

const absent: ChangeSide = {
  present: false,
  value: undefined,
  sensitive: undefined,
  unknown: undefined,
};

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] =>
  typeof v === 'object' && v !== null;

/** Whether a mark structure marks anything. */
const marksAny = (mark: unknown): boolean =>
  mark === true || (isContainer(mark) && Object.values(mark).some(marksAny));

const childOf = (v: unknown, key: string | number): unknown =>
  isContainer(v) ? (v as Record<string | number, unknown>)[key] : undefined;

function hasKey(v: unknown, key: string | number): boolean {
  if (Array.isArray(v)) return typeof key === 'number' && key < v.length;
  return isContainer(v) && Object.prototype.hasOwnProperty.call(v, key);
}

// A sensitive side is reduced to its marker here, before anything else reads its value.
function valueOf(side: ChangeSide): PlanValue | undefined {
  if (!side.present) return undefined;
  if (side.sensitive === true) return { type: 'sensitive' };
  if (side.unknown === true) return { type: 'unknown' };
  const shape = side.value === undefined ? side.unknown : side.value;
  if (Array.isArray(shape)) return { type: 'list' };
  if (isContainer(shape)) return { type: 'object' };
  const value = side.value === undefined ? null : side.value;
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return { type: 'value', value };
  }
  return { type: 'value', value: null };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every(
      k =>
        hasKey(b, Array.isArray(b) ? Number(k) : k) &&
        sameJson(childOf(a, k), childOf(b, k)),
    )
  );
}

// The keys of one side's container, when that side is shown as one.
function keysOf(side: ChangeSide, value: PlanValue | undefined) {
  if (value?.type === 'list') {
    const length = Math.max(
      Array.isArray(side.value) ? side.value.length : 0,
      Array.isArray(side.unknown) ? side.unknown.length : 0,
    );
    return Array.from({ length }, (_, i) => i);
  }
  if (value?.type === 'object') {
    const keys = new Set(
      isContainer(side.value) ? Object.keys(side.value) : [],
    );
    if (isContainer(side.unknown)) {
      for (const [k, mark] of Object.entries(side.unknown)) {
        if (marksAny(mark)) keys.add(k);
      }
    }
    return [...keys];
  }
  return [];
}

function childSide(side: ChangeSide, key: string | number): ChangeSide {
  const unknown = childOf(side.unknown, key);
  return {
    present: hasKey(side.value, key) || marksAny(unknown),
    value: childOf(side.value, key),
    sensitive: childOf(side.sensitive, key),
    unknown,
  };
}

function changeOf(
  before: PlanValue | undefined,
  after: PlanValue | undefined,
  beforeSide: ChangeSide,
  afterSide: ChangeSide,
  children: PlanDiffNode[] | undefined,
): PlanDiffNode['change'] {
  if (!before) return after ? 'added' : 'unchanged';
  if (!after) return 'removed';
  if (before.type !== after.type) return 'changed';
  if (before.type === 'value' && after.type === 'value') {
    return before.value === after.value ? 'unchanged' : 'changed';
  }
  if (before.type === 'sensitive') {
    // Compared in clear only here; the document says no more than "changed".
    return sameJson(beforeSide.value, afterSide.value)
      ? 'unchanged'
      : 'changed';
  }
  return children?.some(c => c.change !== 'unchanged')
    ? 'changed'
    : 'unchanged';
}

/**
 * The attribute diff of one change: a tree of before → after, sensitive values replaced by
 * a marker, unknown ones by another, the attributes in `replacePaths` marked.
 */
export function diffTree(
  before: ChangeSide,
  after: ChangeSide,
  replacePaths: Path[] = [],
): PlanDiffNode {
  const forcing = new Set(replacePaths.map(p => JSON.stringify(p)));
  const walk = (b: ChangeSide, a: ChangeSide, path: Path): PlanDiffNode => {
    const bv = valueOf(b);
    const av = valueOf(a);
    const keys = new Set<string | number>([...keysOf(b, bv), ...keysOf(a, av)]);
    const ordered = [...keys].sort((x, y) =>
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y)),
    );
    const children =
      bv?.type === 'list' ||
      bv?.type === 'object' ||
      av?.type === 'list' ||
      av?.type === 'object'
        ? ordered.map(key =>
            walk(
              bv?.type === 'list' || bv?.type === 'object'
                ? childSide(b, key)
                : absent,
              av?.type === 'list' || av?.type === 'object'
                ? childSide(a, key)
                : absent,
              [...path, key],
            ),
          )
        : undefined;
    const node: PlanDiffNode = {
      change: changeOf(bv, av, b, a, children),
    };
    if (path.length > 0) node.key = path[path.length - 1];
    if (forcing.has(JSON.stringify(path))) node.forcesReplacement = true;
    if (bv) node.before = bv;
    if (av) node.after = av;
    if (children) node.children = children;
    return node;
  };
  return walk(before, after, []);
}
