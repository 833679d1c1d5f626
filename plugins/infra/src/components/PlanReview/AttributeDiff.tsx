import { useState } from 'react';
import {
  PlanAttributeChange,
  PlanDiffNode,
  PlanValue,
} from '@internal/plugin-infra-common';
import { Box, Button } from '@material-ui/core';
import { planValueText } from './planValueText';
import { usePlanStyles } from './usePlanStyles';

const SYMBOL: Record<PlanAttributeChange, string> = {
  added: '+',
  removed: '-',
  changed: '~',
  unchanged: ' ',
};

const isContainer = (v?: PlanValue) =>
  v?.type === 'object' || v?.type === 'list';

const Value = ({ value }: { value: PlanValue }) => {
  const classes = usePlanStyles();
  const hidden = value.type === 'sensitive' || value.type === 'unknown';
  return (
    <span className={hidden ? classes.marker : undefined}>
      {planValueText(value)}
    </span>
  );
};

/**
 * Attributes of an object or list. Unchanged ones are folded behind a toggle, as terraform
 * hides them, unless they force a replacement.
 */
export function AttributeList({ nodes }: { nodes: PlanDiffNode[] }) {
  const classes = usePlanStyles();
  const [open, setOpen] = useState(false);
  const folded = nodes.filter(
    n => n.change === 'unchanged' && !n.forcesReplacement,
  );
  const visible = open ? nodes : nodes.filter(n => !folded.includes(n));
  return (
    <Box className={classes.children}>
      {visible.map(node => (
        <AttributeLine key={String(node.key)} node={node} />
      ))}
      {folded.length > 0 && (
        <Button
          size="small"
          className={classes.fold}
          onClick={() => setOpen(!open)}
          aria-expanded={open}
        >
          {open
            ? `Hide ${folded.length} unchanged`
            : `${folded.length} unchanged ${
                folded.length === 1 ? 'attribute' : 'attributes'
              }`}
        </Button>
      )}
    </Box>
  );
}

/** One attribute line: `+ key = value`, `~ key = before → after`, nested below. */
function AttributeLine({ node }: { node: PlanDiffNode }) {
  const classes = usePlanStyles();
  const { before, after } = node;
  // A container shows its content as children; its own line only names it.
  const shown = (v?: PlanValue) => v && (!isContainer(v) || !node.children);
  const keyText =
    typeof node.key === 'number' ? `[${node.key}]` : node.key ?? '';
  return (
    <Box data-testid="plan-attribute" data-change={node.change}>
      <span className={classes[node.change]}>
        {SYMBOL[node.change]} {keyText === '' ? '' : `${keyText} = `}
        {node.change === 'changed' && shown(before) && (
          <>
            <Value value={before!} />
            {' → '}
          </>
        )}
        {node.change === 'removed'
          ? shown(before) && <Value value={before!} />
          : shown(after) && <Value value={after!} />}
        {node.children &&
          (after?.type === 'list' || (!after && before?.type === 'list')
            ? '['
            : '{')}
      </span>
      {node.forcesReplacement && (
        <span className={classes.forces}> # forces replacement</span>
      )}
      {node.children && <AttributeList nodes={node.children} />}
    </Box>
  );
}

/** The diff of one resource or output, from its root node. */
export const AttributeDiff = ({ diff }: { diff: PlanDiffNode }) => {
  const classes = usePlanStyles();
  if (diff.children) {
    return (
      <Box className={classes.mono}>
        <AttributeList nodes={diff.children} />
      </Box>
    );
  }
  // A scalar root: an output value, or a whole value hidden by a marker.
  return (
    <Box className={classes.mono}>
      <AttributeLine node={diff} />
    </Box>
  );
};
